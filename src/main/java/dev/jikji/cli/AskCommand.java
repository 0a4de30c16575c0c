package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A grounded answer at the shell: streamed as it is written, then the checked answer and its sources. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Ask a question; the answer cites its sources.")
public final class AskCommand extends ServerCommand {

    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "The question")
    List<String> words;

    @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "Sources given to the generator (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--json", description = "Print the server's JSON")
    boolean json;

    @Option(names = "--no-stream", description = "Wait for the whole answer instead of printing it as it is written")
    boolean noStream;

    @Override
    int run(JikjiClient client, PrintWriter out) throws Exception {
        String question = String.join(" ", words);
        JsonNode r;
        if (json || noStream) {
            r = client.ask(question, topK);
        } else {
            r = client.askStreaming(question, topK, text -> {
                out.print(text);
                out.flush();
            });
            out.println();
            if (r.path("answerCorrected").asBoolean()) {
                out.println();
                out.println("(checked answer; unsupported citations removed:)");
                out.println(r.get("answer").asText());
            }
        }
        if (json) {
            out.println(r.toPrettyString());
            return 0;
        }
        if (noStream) out.println(r.get("answer").asText());
        out.println();
        JsonNode listed = r.path("abstained").asBoolean() ? r.path("sources") : r.path("citations");
        if (!listed.isEmpty()) out.println(r.path("abstained").asBoolean() ? "Nearest sources:" : "Sources:");
        for (JsonNode c : listed) {
            out.printf("[%d] %s%n", c.get("n").asInt(), where(c));
            if (c.hasNonNull("quote")) out.printf("    \"%s\"%n", c.get("quote").asText().replaceAll("\\s+", " "));
        }
        out.printf("(%s, %s; %d ms)%n", r.path("mode").asText(), r.path("models").path("generator").asText(),
                r.path("timings").path("totalMs").asLong());
        return 0;
    }

    static String where(JsonNode c) {
        StringBuilder b = new StringBuilder(c.hasNonNull("title") ? c.get("title").asText() : c.get("documentId").asText());
        List<String> path = new ArrayList<>();
        c.path("headingPath").forEach(p -> path.add(p.asText()));
        if (!path.isEmpty()) b.append(" > ").append(String.join(" > ", path));
        if (c.hasNonNull("page")) b.append(", p. ").append(c.get("page").asInt());
        b.append("  (").append(c.hasNonNull("source") ? c.get("source").asText() : c.get("documentId").asText()).append(')');
        return b.toString();
    }
}
