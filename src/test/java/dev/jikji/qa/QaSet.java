package dev.jikji.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project QA set, {@code src/test/resources/qa/questions.jsonl}: questions over docs-corpus/ with
 * the documents that answer them and keywords a correct answer must contain (case-insensitive
 * substring). Unanswerable questions have neither.
 */
public final class QaSet {

    public static final Path FILE = Path.of("src/test/resources/qa/questions.jsonl");

    public record Item(String id, String language, String question, List<String> documentIds, List<String> keywords,
            boolean answerable) {

        /** True when {@code answer} contains every keyword, ignoring case. */
        public boolean answeredBy(String answer) {
            String a = answer.toLowerCase(Locale.ROOT);
            return keywords.stream().allMatch(k -> a.contains(k.toLowerCase(Locale.ROOT)));
        }
    }

    private QaSet() {}

    public static List<Item> load() {
        ObjectMapper json = new ObjectMapper();
        List<Item> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (line.isBlank()) continue;
                out.add(json.readValue(line, Item.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
