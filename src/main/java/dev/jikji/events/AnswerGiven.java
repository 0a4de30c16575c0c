package dev.jikji.events;

/**
 * An answer was given. Labels rather than {@code rag}'s enums, so this package stays below every other:
 * {@code mode} is {@code generative} or {@code extractive}; {@code abstention} {@code gate}, {@code refused} or
 * {@code unsupported}, null when the answer did not abstain.
 *
 * @param generateNanos time spent generating, 0 when no generator ran
 * @param firstTokenNanos time to the first answer text, null when none was streamed
 */
public record AnswerGiven(String mode, String abstention, int citationsRemoved, long generateNanos, Long firstTokenNanos) {

    public boolean abstained() {
        return abstention != null;
    }
}
