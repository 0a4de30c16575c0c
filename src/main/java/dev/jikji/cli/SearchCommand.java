package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Hybrid search from a shell: ranked hits with their document, heading path and page. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the indexed documents.")
public final class SearchCommand extends ServerCommand {

    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "The query")
    List<String> words;

    @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "Hits to show (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--json", description = "Print the server's JSON")
    boolean json;

    @Override
    int run(JikjiClient client, PrintWriter out) throws Exception {
        JsonNode r = client.search(String.join(" ", words), topK);
        if (json) {
            out.println(r.toPrettyString());
            return 0;
        }
        for (JsonNode h : r.get("hits")) {
            StringBuilder where = new StringBuilder(h.get("documentId").asText());
            if (h.hasNonNull("page")) where.append(", p. ").append(h.get("page").asInt());
            List<String> path = new java.util.ArrayList<>();
            h.path("headingPath").forEach(p -> path.add(p.asText()));
            String text = h.get("text").asText().replaceAll("\\s+", " ");
            out.printf("%d. %s%s%n   %s%n", h.get("rank").asInt(), where, path.isEmpty() ? "" : "  [" + String.join(" > ", path) + "]",
                    text.substring(0, Math.min(200, text.length())));
        }
        return 0;
    }
}
