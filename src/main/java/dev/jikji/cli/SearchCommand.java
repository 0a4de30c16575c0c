package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Hybrid search from a shell: ranked hits with their document, heading path and page. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the indexed documents.")
public final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "The query")
    List<String> words;

    @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "Hits to show (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--json", description = "Print the server's JSON")
    boolean json;

    @CommandLine.Mixin
    JikjiCli.ServerOptions serverOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode r;
        try {
            r = serverOptions.client().search(String.join(" ", words), topK);
        } catch (JikjiClient.ApiException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return JikjiCli.EXIT_SERVER;
        }
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
        out.flush();
        return 0;
    }
}
