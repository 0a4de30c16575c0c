package dev.jikji.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.ko.dict.UserDictionary;

/**
 * The Nori user dictionary: the bundled entries ({@value #RESOURCE}) and, when {@code jikji.search.nori-user-dictionary}
 * names a file, a company's own nouns after them (product and team names that Nori would cut into common morphemes).
 */
final class NoriUserDictionary {

    static final String RESOURCE = "nori-user-dictionary.txt";

    static final NoriUserDictionary BUNDLED = new NoriUserDictionary(read(), RESOURCE);

    private final String text;
    private final UserDictionary dictionary;

    private NoriUserDictionary(String text, String source) {
        this.text = text;
        this.dictionary = open(text, source);
    }

    /** These entries and those of {@code file} (Nori's format: a noun, or a compound and its parts, a line). */
    NoriUserDictionary plus(Path file) {
        String source = "jikji.search.nori-user-dictionary: " + file;
        String[] lines = AnalysisFile.read(file, "jikji.search.nori-user-dictionary").split("\\R", -1);
        // entries only: a comment edited, or a file of comments alone, is the same analysis (no rebuild)
        List<String> entries = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            checkParts(line, source + " line " + (n + 1));
            entries.add(line);
        }
        if (entries.isEmpty()) return this;
        return new NoriUserDictionary(text + "\n# jikji.search.nori-user-dictionary\n" + String.join("\n", entries) + "\n",
                source);
    }

    /**
     * A compound's parts must spell it: Lucene reads only the parts' lengths, so {@code 다온페이 다온 카드} would
     * silently index 다온 and 페이 (the characters at those lengths), never the 카드 written, and a line whose parts
     * are too long is refused without its line number.
     */
    private static void checkParts(String line, String where) {
        List<String> words = Arrays.asList(line.split("\\s+"));
        if (words.size() < 2) return;
        List<String> parts = words.subList(1, words.size());
        if (!String.join("", parts).equals(words.get(0))) {
            throw new IllegalArgumentException(where + ": the parts " + String.join(" ", parts) + " do not spell "
                    + words.get(0) + " (a compound, then the parts it is made of)");
        }
    }

    /** Shared by every tokenizer, as Lucene's KoreanAnalyzer shares its user dictionary. */
    UserDictionary dictionary() {
        return dictionary;
    }

    /** Every entry, for an engine that analyses on its own side (SolrCloud's {@code userdict_ko.txt}). */
    String text() {
        return text;
    }

    /** Part of the analysis fingerprint. */
    String fingerprint() {
        return ShortHash.of(text);
    }

    private static String read() {
        try (InputStream in = NoriUserDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UserDictionary open(String text, String source) {
        try {
            return UserDictionary.open(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // a line Lucene cannot read: its message, under the setting that named the file
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
