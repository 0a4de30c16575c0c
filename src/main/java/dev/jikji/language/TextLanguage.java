package dev.jikji.language;

/**
 * Tells Korean from other text by counting words: text is Korean when at least a quarter of its words
 * contain Hangul. Korean writing is often mostly English terms held together by Korean grammar
 * ("e5 모델의 dimension은?", "BM25 vs kNN 차이"), and the particles attach to the English words, so counting
 * letters would call it English. Anything else is taken as English, the only other language the corpus
 * holds; text without letters is undetermined ({@link Language#UNDETERMINED}). Used for queries (which legs run)
 * and for chunks at ingest (which get a vector, in which unit they are sized), so both sides agree.
 */
public final class TextLanguage {

    private TextLanguage() {}

    public static Language detect(String text) {
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
        if (words == 0) return Language.UNDETERMINED;
        return hangulWords * 4 >= words ? Language.KOREAN : Language.ENGLISH;
    }
}
