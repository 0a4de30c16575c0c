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
 * The project QA sets over docs-corpus/: {@code src/test/resources/qa/questions.jsonl} (mostly factoid, with
 * unanswerable questions) and {@code explanatory.jsonl} (why / how / what is the difference / what happens
 * when, with their {@link Kind}), each question with the documents that answer it and keywords a correct
 * answer must contain (case-insensitive substring). Unanswerable questions have neither.
 */
public final class QaSet {

    public static final Path FILE = Path.of("src/test/resources/qa/questions.jsonl");
    public static final Path EXPLANATORY = Path.of("src/test/resources/qa/explanatory.jsonl");

    /** What an explanatory question asks for. */
    public enum Kind {
        @com.fasterxml.jackson.annotation.JsonProperty("why") WHY,
        @com.fasterxml.jackson.annotation.JsonProperty("how") HOW,
        @com.fasterxml.jackson.annotation.JsonProperty("difference") DIFFERENCE,
        @com.fasterxml.jackson.annotation.JsonProperty("consequence") CONSEQUENCE
    }

    /** @param kind only in the explanatory set */
    public record Item(String id, String language, String question, List<String> documentIds, List<String> keywords,
            boolean answerable, Kind kind) {

        /** True when {@code answer} contains every keyword, ignoring case. */
        public boolean answeredBy(String answer) {
            String a = answer.toLowerCase(Locale.ROOT);
            return keywords.stream().allMatch(k -> a.contains(k.toLowerCase(Locale.ROOT)));
        }
    }

    private QaSet() {}

    public static List<Item> load() {
        return load(FILE);
    }

    public static List<Item> load(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<Item> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) continue;
                out.add(json.readValue(line, Item.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
