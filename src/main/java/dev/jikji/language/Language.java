package dev.jikji.language;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The languages Jikji tells apart ({@link TextLanguage#detect}). Responses, the index and evaluation files
 * carry the ISO 639 code ({@link #code()}), so the JSON stays {@code "ko"}, {@code "en"}, {@code "und"}.
 */
public enum Language {
    KOREAN("ko"),
    ENGLISH("en"),
    /** No letters (numbers, symbols): no language to cover or miss. */
    UNDETERMINED("und");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The language an answer to text in this language is written in: Korean for Korean, English otherwise. */
    public Language ofAnswer() {
        return this == KOREAN ? KOREAN : ENGLISH;
    }
}
