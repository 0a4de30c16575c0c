package dev.jikji.rag;

import java.util.Locale;

/**
 * Why an answer abstained, carried in {@link AskResult#abstention()} (the API's {@code abstentionReason} is the
 * sentence for people; this is what meters count): {@code GATE}, retrieval did not cover the question;
 * {@code REFUSED}, the generator said the sources do not answer; {@code UNSUPPORTED}, no citation survived checking.
 */
public enum Abstention {
    GATE, REFUSED, UNSUPPORTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
