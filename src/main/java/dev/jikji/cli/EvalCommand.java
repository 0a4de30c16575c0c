package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the QA set through a running server, as users would: retrieval recall@1/5/10 and MRR from
 * search, then the answer's keyword hit rate, citation precision and abstention accuracy from ask.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval and answers on a QA set (JSONL: question, documentIds, keywords, answerable).")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--questions", defaultValue = "src/test/resources/qa/questions.jsonl",
            description = "QA set (default ${DEFAULT-VALUE})")
    Path questions;

    @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "Sources given to the generator (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--json", description = "Print the figures as JSON")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print each question's outcome")
    boolean verbose;

    @CommandLine.Mixin
    JikjiCli.ServerOptions serverOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        List<QaMetrics.Item> items = new ArrayList<>();
        JikjiClient client = serverOptions.client();
        for (String line : Files.readAllLines(questions)) {
            if (line.isBlank()) continue;
            JsonNode q = mapper.readTree(line);
            List<String> expected = strings(q.path("documentIds"));
            List<String> keywords = strings(q.path("keywords"));
            boolean answerable = q.path("answerable").asBoolean(!expected.isEmpty());
            String question = q.get("question").asText();
            try {
                List<String> ranked = new ArrayList<>();
                client.search(question, 10).get("hits").forEach(h -> ranked.add(h.get("documentId").asText()));
                JsonNode a = client.ask(question, topK);
                List<String> cited = new ArrayList<>();
                a.path("citations").forEach(c -> cited.add(c.get("documentId").asText()));
                QaMetrics.Item item = new QaMetrics.Item(q.path("id").asText(question), q.path("language").asText(""), answerable,
                        expected, keywords, ranked.stream().distinct().toList(), a.get("answer").asText(),
                        a.get("abstained").asBoolean(), cited, a.path("timings").path("totalMs").asLong());
                items.add(item);
                if (verbose) out.println(item.describe());
            } catch (JikjiClient.ApiException e) {
                spec.commandLine().getErr().println(question + ": " + e.getMessage());
                return JikjiCli.EXIT_SERVER;
            }
        }
        QaMetrics metrics = QaMetrics.of(items);
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(metrics.summary()));
        } else {
            out.print(metrics.table(String.format(Locale.ROOT, "%s, %d questions, topK %d", questions, items.size(), topK)));
        }
        out.flush();
        return 0;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
