package dev.jikji.rag;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an answer was written: by an LLM ({@code generative}) or by quoting sources ({@code extractive}). */
public enum AnswerMode {
    GENERATIVE, EXTRACTIVE;

    /** The API's, the logs' and the meters' spelling. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
