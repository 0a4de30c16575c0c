package dev.jikji.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file the analysis reads at start (a company's nouns, its synonyms): UTF-8, bounded, errors naming the setting. */
final class AnalysisFile {

    /** Far above any company's list of names or synonyms; refuses a wrong file (a dump, a disk image) before reading it. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private AnalysisFile() {}

    /** The text of {@code file}, without a byte-order mark; {@code key} is the setting that named it. */
    static String read(Path file, String key) {
        try {
            if (Files.size(file) > MAX_BYTES) throw new IllegalArgumentException(key + ": " + file + " is over 16 MiB");
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString()
                    .replace("\uFEFF", "");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key + ": no file " + file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": cannot read " + file, e);
        }
    }
}
