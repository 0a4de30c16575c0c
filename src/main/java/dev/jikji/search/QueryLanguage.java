package dev.jikji.search;

/**
 * Tells Korean from other text by counting words: a query is Korean when at least a quarter of its
 * words contain Hangul. Korean questions are often mostly English terms held together by Korean
 * grammar ("e5 모델의 dimension은?", "BM25 vs kNN 차이"), and the particles attach to the English
 * words, so counting letters would call them English. Anything else is taken as English, the only
 * other language the corpus holds; text without letters is undetermined ("und").
 */
public final class QueryLanguage {

    private QueryLanguage() {}

    public static String detect(String text) {
        int words = 0;
        int hangulWords = 0;
        for (String word : text.strip().split("\\s+")) {
            boolean letter = false;
            boolean hangul = false;
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                i += Character.charCount(cp);
                if (!Character.isLetter(cp)) continue;
                letter = true;
                hangul |= Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL;
            }
            if (letter) words++;
            if (hangul) hangulWords++;
        }
        if (words == 0) return "und";
        return hangulWords * 4 >= words ? "ko" : "en";
    }
}
