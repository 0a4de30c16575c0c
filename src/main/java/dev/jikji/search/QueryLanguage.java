package dev.jikji.search;

/**
 * Tells Korean from other text by script: a query is Korean when at least a third of its letters are
 * Hangul, since Korean questions often carry English terms ("RAG에서 chunk 크기는?") and must still
 * count as Korean; otherwise it is taken as English (the only other language the corpus holds).
 */
public final class QueryLanguage {

    private QueryLanguage() {}

    public static String detect(String text) {
        int hangul = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) hangul++;
        }
        if (letters == 0) return "und";
        return hangul * 3 >= letters ? "ko" : "en";
    }
}
