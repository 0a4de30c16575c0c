package dev.jikji.generate;

import ai.onnxruntime.OrtException;
import dev.langchain4j.model.output.FinishReason;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Prefills the prompt into a KV cache and then generates one token per step, streaming text as it becomes
 * complete. Runs on an {@code OnnxThreads} thread.
 */
final class DecodingLoop {

    /**
     * Most bytes of logits one prefill run may return. Exports give logits for every input position, and ONNX
     * Runtime's Java API copies them whole onto the heap: a 4,000-token prompt in one run would be 2.4 GB for
     * Qwen's 151,936-token vocabulary. Fed in slices, the cache grows just the same.
     */
    static final long PREFILL_LOGITS_BYTES = 64L << 20;

    /** Tokens per prefill run: as many as the logits budget allows, within [32, 1024]. */
    static int prefillSlice(DecoderSignature signature) {
        if (signature.logitsToKeep() != null) return 1024; // only the last position's logits come back
        if (signature.vocabSize() <= 0) return 256;
        return (int) Math.clamp(PREFILL_LOGITS_BYTES / (4 * signature.vocabSize()), 32, 1024);
    }

    private final DecoderSession session;
    private final Function<long[], String> decoder;

    DecodingLoop(DecoderSession session, Function<long[], String> decoder) {
        this.session = session;
        this.decoder = decoder;
    }

    Generation run(long[] prompt, int contextTokens, GenerationSettings settings, Consumer<String> onText,
            BooleanSupplier cancelled) throws OrtException {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt is empty");
        }
        if (prompt.length >= contextTokens) {
            throw new PromptTooLongException(prompt.length, contextTokens);
        }
        int maxNew = Math.min(settings.maxNewTokens(), contextTokens - prompt.length);
        long start = System.nanoTime();
        TokenSampler sampler = new TokenSampler(settings.temperature(), settings.topP(), settings.seed());
        IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(decoder);
        StopStrings stops = new StopStrings(settings.stopStrings());
        StringBuilder text = new StringBuilder();
        Consumer<String> emit = piece -> {
            if (!piece.isEmpty()) {
                text.append(piece);
                onText.accept(piece);
            }
        };
        try (KvCache cache = session.newCache()) {
            float[] logits = null;
            int slice = prefillSlice(session.signature());
            for (int from = 0; from < prompt.length; from += slice) {
                logits = session.step(prompt, from, Math.min(prompt.length, from + slice), cache);
            }
            long prefill = System.nanoTime() - start;
            int generated = 0;
            FinishReason reason;
            long[] one = new long[1];
            while (true) {
                // An interrupt is how OnnxThreads passes on a caller giving up on the wait.
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    reason = FinishReason.OTHER;
                    break;
                }
                int token = sampler.next(logits);
                if (settings.stopTokens().contains((long) token)) {
                    reason = FinishReason.STOP;
                    break;
                }
                generated++;
                emit.accept(stops.accept(detokenizer.push(token)));
                if (stops.stopped()) {
                    reason = FinishReason.STOP;
                    break;
                }
                if (generated >= maxNew) {
                    reason = FinishReason.LENGTH;
                    break;
                }
                one[0] = token;
                logits = session.step(one, 0, 1, cache);
            }
            if (!stops.stopped()) {
                emit.accept(stops.accept(detokenizer.flush()));
                emit.accept(stops.finish());
            }
            return new Generation(text.toString(), reason, prompt.length, generated, prefill, System.nanoTime() - start);
        }
    }
}
