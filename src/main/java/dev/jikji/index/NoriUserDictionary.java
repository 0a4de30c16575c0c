package dev.jikji.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.ko.dict.UserDictionary;

/** The bundled Nori user dictionary ({@value #RESOURCE}) and a short hash of it for the analysis fingerprint. */
final class NoriUserDictionary {

    static final String RESOURCE = "nori-user-dictionary.txt";

    private static final String TEXT = read();
    private static final UserDictionary DICTIONARY = open(TEXT);

    private NoriUserDictionary() {}

    /** Shared by every tokenizer, as Lucene's KoreanAnalyzer shares its user dictionary. */
    static UserDictionary get() {
        return DICTIONARY;
    }

    static String text() {
        return TEXT;
    }

    static String fingerprint() {
        return ShortHash.of(TEXT);
    }

    private static String read() {
        try (InputStream in = NoriUserDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UserDictionary open(String text) {
        try {
            return UserDictionary.open(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
