package dev.jikji.search;

import dev.jikji.language.TextLanguage;

/** The language of a query: "ko", "en" or "und", by the rule ingest uses for chunks ({@link TextLanguage}). */
public final class QueryLanguage {

    private QueryLanguage() {}

    public static String detect(String text) {
        return TextLanguage.detect(text);
    }
}
