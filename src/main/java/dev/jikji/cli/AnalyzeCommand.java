package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The terms the server's analysis makes of a text: for checking a synonym or a company noun after editing it. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Show the terms a text becomes in the index (Nori, company nouns, synonyms).")
public final class AnalyzeCommand extends ServerCommand {

    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "The text")
    List<String> words;

    @Option(names = "--json", description = "Print the server's JSON")
    boolean json;

    @Override
    int run(JikjiClient client, PrintWriter out) throws Exception {
        JsonNode r = client.analyze(String.join(" ", words));
        if (json) {
            out.println(r.toPrettyString());
            return 0;
        }
        for (JsonNode t : r.get("tokens")) {
            String pos = t.hasNonNull("partOfSpeech") ? "  " + t.get("partOfSpeech").asText() + " ("
                    + t.get("partOfSpeechName").asText() + ")" : "";
            String term = t.get("term").asText();
            out.printf("%s %s [%d,%d)%s%s%n", padded(term, 16), t.get("surface").asText(), t.get("start").asInt(),
                    t.get("end").asInt(), pos, t.get("synonym").asBoolean() ? "  synonym" : "");
        }
        out.printf("analysis %s, %d synonym rules%n", r.get("analysis").asText(), r.get("synonymRules").asInt());
        return 0;
    }

    /** Pads to {@code columns} terminal columns: a Hangul syllable (or other wide character) takes two. */
    static String padded(String text, int columns) {
        int width = text.codePoints().map(c -> wide(c) ? 2 : 1).sum();
        return text + " ".repeat(Math.max(1, columns - width));
    }

    private static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60);
    }
}
