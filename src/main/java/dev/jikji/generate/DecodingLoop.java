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
     * Prompt tokens per prefill run. Exports return logits for every input position, so a 4,000-token prompt in one
     * run would make seq × vocab floats (2.4 GB for Qwen's 151,936 tokens); in slices the cache grows the same way.
     */
    static final int PREFILL_SLICE = 256;

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
            for (int from = 0; from < prompt.length; from += PREFILL_SLICE) {
                logits = session.step(prompt, from, Math.min(prompt.length, from + PREFILL_SLICE), cache);
            }
            long prefill = System.nanoTime() - start;
            int generated = 0;
            FinishReason reason;
            long[] one = new long[1];
            while (true) {
                if (cancelled.getAsBoolean()) {
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
