package dev.jikji.generate;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs decoder steps against a {@link KvCache}: feeds a run of tokens after what the cache holds and returns the
 * logits of the last one. Must be called on an {@code OnnxThreads} thread.
 */
final class DecoderSession {

    private final OrtSession session;
    private final DecoderSignature signature;
    private volatile long requiredVocabulary;
    private volatile String vocabularyOwner = "the tokenizer";

    DecoderSession(OrtSession session) throws OrtException {
        this.session = session;
        this.signature = DecoderSignature.of(session);
    }

    DecoderSignature signature() {
        return signature;
    }

    /**
     * Token ids below {@code size} must have logits. Checked at once when the export fixes the logits' size,
     * otherwise on every step (the check is one comparison).
     */
    void requireVocabulary(long size, String what) {
        if (signature.vocabSize() > 0 && signature.vocabSize() < size) {
            throw vocabularyMismatch(signature.vocabSize(), size, what);
        }
        this.requiredVocabulary = size;
        this.vocabularyOwner = what;
    }

    private static IllegalStateException vocabularyMismatch(long logits, long size, String what) {
        return new IllegalStateException("The decoder's logits cover " + logits + " tokens but " + what + " has "
                + size + ": the tokenizer does not belong to this model");
    }

    KvCache newCache() throws OrtException {
        return new KvCache(signature);
    }

    /** Feeds {@code tokens[from, to)} after the cache's contents; returns the logits that follow the last of them. */
    float[] step(long[] tokens, int from, int to, KvCache cache) throws OrtException {
        int n = to - from;
        int past = cache.length();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] positions = new long[n];
        for (int i = 0; i < n; i++) positions[i] = past + i;
        long[] mask = new long[past + n];
        Arrays.fill(mask, 1);
        List<OnnxTensor> owned = new ArrayList<>();
        Map<String, OnnxTensorLike> inputs = new HashMap<>(cache.pasts());
        try {
            inputs.put("input_ids", own(owned, OnnxTensor.createTensor(env,
                    LongBuffer.wrap(Arrays.copyOfRange(tokens, from, to)), new long[] {1, n})));
            inputs.put("attention_mask", own(owned, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, past + n})));
            if (signature.positionIds()) {
                inputs.put("position_ids", own(owned, OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, n})));
            }
            if (signature.logitsToKeep() != null) {
                // Only the last position's logits are used; a whole prompt's would cost seq × vocab floats.
                inputs.put(signature.logitsToKeep(), own(owned, OnnxTensor.createTensor(env, 1L)));
            }
            if (signature.useCacheBranch()) {
                inputs.put("use_cache_branch", own(owned, OnnxTensor.createTensor(env, new boolean[] {past > 0})));
            }
            OrtSession.Result result = session.run(inputs);
            try {
                float[] logits = lastLogits((OnnxTensor) result.get("logits").orElseThrow());
                cache.advance(result, n);
                return logits;
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor own(List<OnnxTensor> owned, OnnxTensor t) {
        owned.add(t);
        return t;
    }

    private float[] lastLogits(OnnxTensor logits) {
        long[] shape = logits.getInfo().getShape();
        int vocab = (int) shape[shape.length - 1];
        long rows = logits.getInfo().getNumElements() / vocab;
        int offset = (int) ((rows - 1) * vocab);
        if (vocab < requiredVocabulary) {
            throw vocabularyMismatch(vocab, requiredVocabulary, vocabularyOwner);
        }
        float[] out = new float[vocab];
        if (logits.getInfo().type == OnnxJavaType.FLOAT16) {
            ShortBuffer half = logits.getShortBuffer();
            for (int i = 0; i < vocab; i++) out[i] = Float.float16ToFloat(half.get(offset + i));
        } else {
            FloatBuffer f = logits.getFloatBuffer();
            f.get(offset, out);
        }
        return out;
    }
}
