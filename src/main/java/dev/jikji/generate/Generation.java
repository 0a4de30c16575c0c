package dev.jikji.generate;

import dev.langchain4j.model.output.FinishReason;

/**
 * The outcome of one generation.
 *
 * @param finishReason STOP (end-of-turn/EOS token or a stop string), LENGTH (max new tokens or the context window)
 *     or OTHER (cancelled or past the deadline: the text is what was generated until then)
 * @param outputTokens tokens generated, the stop token not counted
 */
public record Generation(String text, FinishReason finishReason, int promptTokens, int outputTokens,
        long prefillNanos, long totalNanos) {}
