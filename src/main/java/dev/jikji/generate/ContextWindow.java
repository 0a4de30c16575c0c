package dev.jikji.generate;

/** A generator's context window, so prompts can be trimmed to fit it before it is called. */
public interface ContextWindow {

    /** Tokens the model can attend to: prompt plus answer. */
    int contextTokens();

    /** Tokens of {@code text} in the model's tokenizer (or an upper estimate where the tokenizer is remote). */
    int countTokens(String text);

    /**
     * For models behind an API whose tokenizer is not here: Hangul about one token per syllable, other
     * text about one per three characters, which errs on the long side for the BPE vocabularies of
     * Qwen, Llama and Gemma.
     */
    static ContextWindow estimated(int contextTokens) {
        return new ContextWindow() {
            @Override
            public int contextTokens() {
                return contextTokens;
            }

            @Override
            public int countTokens(String text) {
                int hangul = 0;
                int other = 0;
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c >= 0xAC00 && c <= 0xD7A3) hangul++;
                    else other++;
                }
                return hangul + (other + 2) / 3;
            }
        };
    }
}
