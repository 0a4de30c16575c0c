package dev.jikji.generate;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The past keys and values of one generation. The presents of a step become the pasts of the next without a copy:
 * the cache keeps the whole step result (which owns the present tensors) and closes it once the next step has
 * produced its own, so native memory never holds more than two steps' caches.
 */
final class KvCache implements AutoCloseable {

    private final DecoderSignature signature;
    private final List<OnnxTensor> empty = new ArrayList<>();
    private Map<String, OnnxTensor> pasts = new HashMap<>();
    private OrtSession.Result owner;
    private int length;

    KvCache(DecoderSignature signature) throws OrtException {
        this.signature = signature;
        // The first step gets pasts of length 0, as Optimum feeds them.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, signature.kvHeads(), 0, signature.headDim()};
        OnnxJavaType type = signature.cacheType();
        for (int i = 0; i < signature.layers(); i++) {
            for (String kind : new String[] {"key", "value"}) {
                OnnxTensor t = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), shape, type);
                empty.add(t);
                pasts.put("past_key_values." + i + "." + kind, t);
            }
        }
    }

    /** Tokens already in the cache. */
    int length() {
        return length;
    }

    Map<String, OnnxTensor> pasts() {
        return pasts;
    }

    /** Takes the presents of {@code result} as the new pasts; the cache now owns (and will close) the result. */
    void advance(OrtSession.Result result, int newTokens) {
        Map<String, OnnxTensor> next = new HashMap<>();
        for (int i = 0; i < signature.layers(); i++) {
            for (String kind : new String[] {"key", "value"}) {
                OnnxValue v = result.get("present." + i + "." + kind)
                        .orElseThrow(() -> new IllegalStateException("step result lacks a present tensor"));
                next.put("past_key_values." + i + "." + kind, (OnnxTensor) v);
            }
        }
        releaseCurrent();
        pasts = next;
        owner = result;
        length += newTokens;
    }

    private void releaseCurrent() {
        if (owner != null) {
            owner.close();
            owner = null;
        }
        empty.forEach(OnnxTensor::close);
        empty.clear();
    }

    @Override
    public void close() {
        releaseCurrent();
        pasts = Map.of();
    }
}
