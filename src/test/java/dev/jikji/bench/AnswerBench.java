package dev.jikji.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.cli.QaMetrics;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.LuceneIndex;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.IngestService;
import dev.jikji.rag.AnswerGenerators;
import dev.jikji.rag.AskQuery;
import dev.jikji.rag.AskResult;
import dev.jikji.rag.AskService;
import dev.jikji.rerank.Rerankers;
import dev.jikji.search.HybridSearcher;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.SearchQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tuning loop for answers, not a test: the project's QA files (questions.jsonl, explanatory.jsonl)
 * through the real {@link AskService} over a real on-disk index of docs-corpus/, without booting Quarkus,
 * so that one variant of the answerer is measured in seconds instead of minutes. Prints the same figures
 * as {@code jikji eval} ({@link QaMetrics}); {@code -v} prints each question with its answer.
 * The figures of record come from {@code jikji eval} / {@code AnswerQualityTest}; this only shortens the loop.
 *
 * <pre>bin/bench-answers [-v] [FILE...]   (default: both QA files; -Djikji.…=… in JIKJI_JVM_OPTS)</pre>
 */
public final class AnswerBench {

    public static void main(String[] args) throws Exception {
        boolean verbose = false;
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-v")) verbose = true;
            else files.add(Path.of(a));
        }
        if (files.isEmpty()) files = List.of(Path.of("src/test/resources/qa/questions.jsonl"),
                Path.of("src/test/resources/qa/explanatory.jsonl"));
        Path data = Path.of("target/answer-bench");
        JikjiConfig config = StandaloneConfig.load(Map.of("jikji.data.dir", data.toString()), Map.of());
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        LuceneIndex index = new LuceneIndex(config, embeddings, json);
        try {
            if (index.countDocuments() == 0) {
                new IngestService(index, embeddings, config, json).ingestAll(CorpusSeeder.read(Path.of("docs-corpus"), IndexBenchmark.PARSERS));
            }
            RerankedSearch search = new RerankedSearch(new HybridSearcher(index, embeddings, config),
                    new Rerankers(config, index, OnnxSessionFactory.of(config)), config);
            AskService ask = new AskService(search, index, embeddings, new AnswerGenerators(config, OnnxSessionFactory.of(config)), config);
            for (Path file : files) {
                List<QaMetrics.Item> items = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) continue;
                    JsonNode q = json.readTree(line);
                    List<String> expected = strings(q.path("documentIds"));
                    List<String> keywords = strings(q.path("keywords"));
                    String question = q.get("question").asText();
                    List<String> ranked = search.search(new SearchQuery(question, 10, SearchFilter.NONE)).hits().stream()
                            .map(h -> h.documentId()).distinct().toList();
                    AskResult a = ask.ask(new AskQuery(question, 5, SearchFilter.NONE), AskService.Listener.NONE);
                    QaMetrics.Item item = new QaMetrics.Item(q.path("id").asText(), q.path("language").asText(),
                            q.path("answerable").asBoolean(!expected.isEmpty()), expected, keywords, ranked, a.answer(),
                            a.abstained(), a.citations().stream().map(AskResult.Citation::documentId).toList(),
                            a.timings().totalMs());
                    items.add(item);
                    if (verbose) {
                        System.out.printf(Locale.ROOT, "%s %s | %s%n  -> %s%n  keywords %s%s%n", item.id(),
                                item.abstained() ? "ABSTAINED" : "", question, a.answer(), keywords,
                                a.answerSpan() == null ? "" : "  span: " + a.answerSpan().text());
                    }
                }
                System.out.print(QaMetrics.of(items).table(file + ", " + items.size() + " questions"));
            }
        } finally {
            index.close();
            embeddings.close();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
