package dev.jikji.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds sentence ends in Korean and English prose. Hand-written because the JDK's BreakIterator
 * splits inside "v2.1", "e.g." and on every line break of a wrapped paragraph, and ICU4J is a 13 MB
 * dependency for this one rule set. A sentence ends after . ? ! 。 … (and any closing quotes or
 * brackets) when whitespace follows and the next word does not start in lower case (which keeps
 * "e.g. this" and "vs. that" whole); it also ends at a line break after a Korean final ending
 * (다, 요, 죠, 까, 니다) written without punctuation, as in list-like notes. A full stop after a lone capital
 * letter ("William E. Simon") is an initial, not an end.
 */
public final class SentenceSplitter {

    private SentenceSplitter() {}

    /** Sentence spans as [start, end) pairs over {@code text}, whitespace between them excluded. */
    public static List<int[]> split(String text) {
        List<int[]> spans = new ArrayList<>();
        int n = text.length();
        int start = skipSpace(text, 0);
        int i = start;
        while (i < n) {
            char c = text.charAt(i);
            int end = -1;
            if (isTerminal(c) && !(c == '.' && isInitial(text, i))) {
                int j = i + 1;
                while (j < n && (isTerminal(text.charAt(j)) || isCloser(text.charAt(j)))) j++;
                if (j >= n) {
                    end = n;
                } else if (Character.isWhitespace(text.charAt(j))) {
                    int next = skipSpace(text, j);
                    if (next >= n || !Character.isLowerCase(text.charAt(next)) || c != '.') {
                        end = j;
                    }
                }
                i = Math.max(i, j - 1);
            } else if (c == '\n' && i > start && endsWithKoreanEnding(text, i)) {
                end = i;
            }
            if (end > 0) {
                int trimmed = end;
                while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) trimmed--;
                if (trimmed > start) spans.add(new int[] {start, trimmed});
                start = skipSpace(text, end);
                i = start;
                continue;
            }
            i++;
        }
        if (start < n) {
            int trimmed = n;
            while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) trimmed--;
            if (trimmed > start) spans.add(new int[] {start, trimmed});
        }
        return spans;
    }

    public static List<String> sentences(String text) {
        return split(text).stream().map(s -> text.substring(s[0], s[1])).toList();
    }

    /**
     * "William E. Simon", "E.I. du Pont", "U.S. Army": a full stop after a lone capital letter is an initial or an
     * abbreviation, not a sentence end (a sentence ending in a one-letter word is rare next to names with initials).
     */
    private static boolean isInitial(String text, int dot) {
        if (dot < 1 || !isLatinUpper(text.charAt(dot - 1))) return false;
        return dot == 1 || Character.isWhitespace(text.charAt(dot - 2)) || text.charAt(dot - 2) == '.';
    }

    private static boolean isLatinUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '?' || c == '!' || c == '。' || c == '？' || c == '！' || c == '…';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '」' || c == '』' || c == '*';
    }

    private static boolean endsWithKoreanEnding(String text, int newline) {
        int k = newline - 1;
        while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t' || text.charAt(k) == '\r')) k--;
        if (k < 0) return false;
        char last = text.charAt(k);
        return last == '다' || last == '요' || last == '죠' || last == '까';
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }
}
