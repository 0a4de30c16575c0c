package dev.jikji.events;

/**
 * An answer was given. Labels rather than {@code rag}'s enums, so this package stays below every other:
 * {@code mode} is {@code generative} or {@code extractive}; {@code abstention} {@code gate}, {@code refused} or
 * {@code unsupported}, null when the answer did not abstain. (The steps' times arrive as {@link StageTimed}.)
 */
public record AnswerGiven(String mode, String abstention, int citationsRemoved) {

    public boolean abstained() {
        return abstention != null;
    }
}
