package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.search.QueryLanguage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a QA set through a running server, as users would: retrieval recall@1/5/10 and MRR from
 * search, then answer figures from ask. Two question formats, told apart per line:
 * <ul>
 *   <li>the project's own set: {@code {"id", "language", "question", "documentIds", "keywords", "answerable"}};</li>
 *   <li>the public sets of {@code ../shared/eval/}: {@code {"id", "question", "answers", "gold_passage_id"}},
 *       with the language detected from the question.</li>
 * </ul>
 * With {@code --corpus} (JSON Lines {@code {"id", "title", "text"}}) the passages are first ingested
 * through {@code POST /api/v1/documents} as NDJSON batches, each one document (content type
 * {@code text/plain}, document id = passage id), and the ingest is timed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval and answers on a QA set; optionally ingest its corpus first and time it.")
public final class EvalCommand extends ServerCommand {

    @Option(names = "--questions", defaultValue = "src/test/resources/qa/questions.jsonl",
            description = "QA set, JSON Lines (default ${DEFAULT-VALUE})")
    Path questions;

    @Option(names = "--corpus", description = "Passages to ingest first, JSON Lines {id, title, text}")
    Path corpus;

    @Option(names = "--skip-ingest", description = "Do not ingest --corpus (it is already in the index)")
    boolean skipIngest;

    @Option(names = "--batch-size", defaultValue = "100", description = "Passages per ingest request (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--no-ask", description = "Search only: retrieval figures, no answers")
    boolean noAsk;

    @Option(names = "--limit", description = "Only the first N questions")
    Integer limit;

    @Option(names = "--sample", description = "A random sample of N questions (with --seed)")
    Integer sample;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of --sample (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "Questions in flight at once (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "Sources given to the generator (default ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--json", description = "Print the figures as JSON")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print each question's outcome")
    boolean verbose;

    /** Chunk hits asked of search; document-level figures take their distinct documents in order. */
    static final int SEARCH_HITS = 50;

    private final ObjectMapper mapper = new ObjectMapper();

    /** One question as read from either format. */
    record Question(String id, String language, String question, List<String> expected, List<String> keywords,
            List<String> answers, boolean answerable) {}

    @Override
    int run(JikjiClient client, PrintWriter out) throws Exception {
        PrintWriter err = err();
        Map<String, Object> ingest = null;
        if (corpus != null && !skipIngest) {
            try {
                ingest = ingest(client, err);
            } catch (JikjiClient.ApiException e) {
                err.println("ingest: " + e.getMessage());
                return JikjiCli.EXIT_SERVER;
            }
        }
        List<Question> set = select(read(questions));
        List<QaMetrics.Item> items;
        try {
            items = run(client, set, out);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            // a refusal or an unreachable server: ServerCommand tells it
            if (cause instanceof JikjiClient.ApiException || cause instanceof java.net.ConnectException) throw (Exception) cause;
            err.println(cause.getMessage());
            err.flush();
            return cause instanceof java.io.IOException ? JikjiCli.EXIT_SERVER : 1;
        }
        QaMetrics metrics = QaMetrics.of(items);
        String title = String.format(Locale.ROOT, "%s, %d questions, topK %d%s", questions, items.size(), topK,
                noAsk ? ", search only" : "");
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>(metrics.summary());
            if (ingest != null) summary.put("ingest", ingest);
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        } else {
            if (ingest != null) {
                out.println(String.format(Locale.ROOT, "Ingest: %s, %d passages (%d created, %d updated, %d unchanged, %d failed),"
                        + " %d chunks in %.1f s: %.1f docs/s, %.1f chunks/s", corpus, ingest.get("documents"), ingest.get("created"),
                        ingest.get("updated"), ingest.get("unchanged"), ingest.get("failed"), ingest.get("chunks"),
                        ingest.get("seconds"), ingest.get("docsPerSecond"), ingest.get("chunksPerSecond")));
            }
            out.print(metrics.table(title));
        }
        return 0;
    }

    /** Sends the corpus as NDJSON batches; counts outcomes and chunks; times the whole. */
    private Map<String, Object> ingest(JikjiClient client, PrintWriter err) throws Exception {
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        Map<String, Integer> status = new LinkedHashMap<>();
        for (String s : List.of("created", "updated", "unchanged", "failed")) status.put(s, 0);
        long chunks = 0;
        long t0 = System.nanoTime();
        for (int from = 0; from < lines.size(); from += batchSize) {
            StringBuilder body = new StringBuilder();
            for (String line : lines.subList(from, Math.min(lines.size(), from + batchSize))) {
                JsonNode p = mapper.readTree(line);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("id", p.get("id").asText());
                if (p.hasNonNull("title")) doc.put("title", p.get("title").asText());
                doc.put("contentType", "text/plain");
                doc.put("text", p.get("text").asText());
                body.append(mapper.writeValueAsString(doc)).append('\n');
            }
            JsonNode r = client.ingestNdjson(body.toString().getBytes(StandardCharsets.UTF_8));
            for (JsonNode res : r.get("results")) {
                status.merge(res.get("status").asText(), 1, Integer::sum);
                chunks += res.path("chunks").asLong(0);
                if ("failed".equals(res.get("status").asText())) err.println("ingest failed: " + res);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", lines.size());
        m.putAll(status);
        m.put("chunks", chunks);
        m.put("seconds", seconds);
        m.put("docsPerSecond", lines.size() / seconds);
        m.put("chunksPerSecond", chunks / seconds);
        return m;
    }

    private List<QaMetrics.Item> run(JikjiClient client, List<Question> set, PrintWriter out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<QaMetrics.Item>> futures = new ArrayList<>();
            for (Question q : set) futures.add(pool.submit(() -> evaluate(client, q)));
            List<QaMetrics.Item> items = new ArrayList<>();
            for (Future<QaMetrics.Item> f : futures) {
                QaMetrics.Item item = f.get();
                items.add(item);
                if (verbose) out.println(item.describe());
            }
            return items;
        } finally {
            pool.shutdownNow();
        }
    }

    private QaMetrics.Item evaluate(JikjiClient client, Question q) throws Exception {
        List<String> ranked = new ArrayList<>();
        client.search(q.question(), SEARCH_HITS).get("hits").forEach(h -> ranked.add(h.get("documentId").asText()));
        List<String> documents = ranked.stream().distinct().limit(10).toList();
        if (noAsk) {
            return new QaMetrics.Item(q.id(), q.language(), q.answerable(), q.expected(), q.keywords(), q.answers(),
                    documents, false, null, false, List.of(), 0);
        }
        JsonNode a = client.ask(q.question(), topK);
        List<String> cited = new ArrayList<>();
        a.path("citations").forEach(c -> cited.add(c.get("documentId").asText()));
        return new QaMetrics.Item(q.id(), q.language(), q.answerable(), q.expected(), q.keywords(), q.answers(), documents,
                true, a.get("answer").asText(), a.get("abstained").asBoolean(), cited, a.path("timings").path("totalMs").asLong());
    }

    private List<Question> read(Path file) throws Exception {
        List<Question> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode q = mapper.readTree(line);
            String question = q.get("question").asText();
            List<String> expected = q.hasNonNull("gold_passage_id") ? List.of(q.get("gold_passage_id").asText())
                    : strings(q.path("documentIds"));
            String language = q.hasNonNull("language") ? q.get("language").asText() : QueryLanguage.detect(question).code();
            out.add(new Question(q.path("id").asText(question), language, question, expected, strings(q.path("keywords")),
                    strings(q.path("answers")), q.path("answerable").asBoolean(!expected.isEmpty())));
        }
        return out;
    }

    /** {@code --sample} draws without replacement with {@code --seed}, keeping file order; {@code --limit} then cuts. */
    List<Question> select(List<Question> all) {
        List<Question> chosen = all;
        if (sample != null && sample < all.size()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) idx.add(i);
            Collections.shuffle(idx, new Random(seed));
            List<Integer> picked = new ArrayList<>(idx.subList(0, sample));
            Collections.sort(picked);
            chosen = picked.stream().map(all::get).toList();
        }
        if (limit != null && limit < chosen.size()) chosen = chosen.subList(0, limit);
        return chosen;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
