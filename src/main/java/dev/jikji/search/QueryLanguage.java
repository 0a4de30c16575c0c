package dev.jikji.search;

import dev.jikji.language.Language;
import dev.jikji.language.TextLanguage;

/** The language of a query: Korean, English or undetermined, by the rule ingest uses for chunks ({@link TextLanguage}). */
public final class QueryLanguage {

    private QueryLanguage() {}

    public static Language detect(String text) {
        return TextLanguage.detect(text);
    }
}
