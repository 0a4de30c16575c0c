package dev.jikji.generate;

/** The prompt leaves no room to answer in the model's context window. */
public final class PromptTooLongException extends IllegalArgumentException {

    private final int promptTokens;
    private final int contextTokens;

    public PromptTooLongException(int promptTokens, int contextTokens) {
        super("The prompt is " + promptTokens + " tokens but the generator's context window is " + contextTokens
                + " tokens (prompt and answer together); give it fewer or shorter sources");
        this.promptTokens = promptTokens;
        this.contextTokens = contextTokens;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int contextTokens() {
        return contextTokens;
    }
}
