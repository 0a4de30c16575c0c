package dev.jikji.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow-up set, {@code src/test/resources/qa/conversations.jsonl}: two- and three-turn conversations over
 * docs-corpus/ with the document that answers each turn. {@code selfContained} marks a later turn that changes
 * the subject and must be answered as if nothing came before.
 */
public final class Conversations {

    public static final Path FILE = Path.of("src/test/resources/qa/conversations.jsonl");

    public record Turn(String question, String documentId, boolean selfContained) {}

    public record Conversation(String id, String language, List<Turn> turns) {}

    private Conversations() {}

    public static List<Conversation> load() {
        ObjectMapper json = new ObjectMapper();
        List<Conversation> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (!line.isBlank()) out.add(json.readValue(line, Conversation.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
