package dev.jikji.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.cli.QaMetrics;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.LuceneIndex;
import dev.jikji.index.TextTerms;
import dev.jikji.events.EventSink;
import dev.jikji.stage.StageTimer;
import dev.jikji.tracing.Tracing;
import dev.jikji.rag.FollowUps;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.ingest.IngestService;
import dev.jikji.rag.AnswerGenerators;
import dev.jikji.rag.AskQuery;
import dev.jikji.rag.AskResult;
import dev.jikji.rag.AskService;
import dev.jikji.rag.ExtractiveExplain;
import dev.jikji.rag.Source;
import dev.jikji.rag.TermWeights;
import dev.jikji.rerank.Rerankers;
import dev.jikji.search.HybridSearcher;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.QueryLanguage;
import dev.jikji.search.SearchQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
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
 * <pre>bin/bench-answers [-v] [FILE...]   (default: both QA files; -Djikji.…=… in JIKJI_JVM_OPTS)
 * bin/bench-answers [-v] --corpus C --questions Q [--sample N --seed S]   (a public set of ../shared/eval/)</pre>
 * With {@code --corpus} the passages go into their own index ({@code target/answer-bench-<folder>}, built once)
 * and the questions are drawn as {@code jikji eval --sample N --seed S} draws them, so figures compare.
 */
public final class AnswerBench {

    public static void main(String[] args) throws Exception {
        boolean verbose = false;
        boolean explain = false;
        List<Path> files = new ArrayList<>();
        Path corpus = null;
        Integer sample = null;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-v" -> verbose = true;
                case "-vv" -> verbose = explain = true;
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--questions" -> files.add(Path.of(args[++i]));
                case "--sample" -> sample = Integer.valueOf(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) files = List.of(Path.of("src/test/resources/qa/questions.jsonl"),
                Path.of("src/test/resources/qa/explanatory.jsonl"));
        Path data = Path.of(corpus == null ? "target/answer-bench"
                : "target/answer-bench-" + corpus.toAbsolutePath().getParent().getFileName());
        JikjiConfig config = StandaloneConfig.load(Map.of("jikji.data.dir", data.toString()), Map.of());
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        LuceneIndex index = new LuceneIndex(config, embeddings, json);
        try {
            if (index.countDocuments() == 0) {
                IngestService ingest = new IngestService(index, embeddings, config, json);
                if (corpus == null) {
                    ingest.ingestAll(CorpusSeeder.read(Path.of("docs-corpus"), IndexBenchmark.PARSERS));
                } else {
                    // as jikji eval ingests a public set: one text/plain document per passage, its id kept
                    List<DocumentInput> docs = new ArrayList<>();
                    for (String line : Files.readAllLines(corpus)) {
                        if (line.isBlank()) continue;
                        JsonNode p = json.readTree(line);
                        docs.add(new DocumentInput(p.get("id").asText(), p.path("title").asText(null), p.get("text").asText(),
                                null, "text/plain", null, null));
                        if (docs.size() == 100) {
                            ingest.ingestAll(docs);
                            docs.clear();
                        }
                    }
                    if (!docs.isEmpty()) ingest.ingestAll(docs);
                }
            }
            TextTerms text = new TextTerms(index.analyzer(), 64);
            RerankedSearch search = new RerankedSearch(new HybridSearcher(index, embeddings, config),
                    new Rerankers(config, index, text, OnnxSessionFactory.of(config)), StageTimer.OFF, config);
            AnswerGenerators generators = new AnswerGenerators(config, OnnxSessionFactory.of(config));
            AskService ask = new AskService(search, index, text, embeddings, generators,
                    new FollowUps(index, text, generators, config), StageTimer.OFF, EventSink.NONE, Tracing.NOOP, config);
            for (Path file : files) {
                List<QaMetrics.Item> items = new ArrayList<>();
                for (String line : select(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList(), sample, seed)) {
                    JsonNode q = json.readTree(line);
                    List<String> expected = q.hasNonNull("gold_passage_id") ? List.of(q.get("gold_passage_id").asText())
                            : strings(q.path("documentIds"));
                    List<String> keywords = strings(q.path("keywords"));
                    String question = q.get("question").asText();
                    List<String> ranked = search.search(new SearchQuery(question, 10, SearchFilter.NONE)).hits().stream()
                            .map(h -> h.documentId()).distinct().toList();
                    AskResult a = ask.ask(new AskQuery(question, 5, SearchFilter.NONE), AskService.Listener.NONE);
                    List<String> answers = strings(q.path("answers"));
                    String language = q.hasNonNull("language") ? q.get("language").asText() : QueryLanguage.detect(question).code();
                    QaMetrics.Item item = new QaMetrics.Item(q.path("id").asText(), language,
                            q.path("answerable").asBoolean(!expected.isEmpty()), expected, keywords, answers, ranked, true,
                            a.answer(), a.abstained(), a.citations().stream().map(AskResult.Citation::documentId).toList(),
                            a.timings().totalMs());
                    items.add(item);
                    if (verbose) {
                        System.out.printf(Locale.ROOT, "%s %s | %s%n  -> %s%n  %s %s%s%n", item.id(),
                                item.abstained() ? "ABSTAINED" : "", question, a.answer(), outcome(item, a),
                                answers.isEmpty() ? keywords : answers,
                                a.answerSpan() == null ? "" : "  span: " + a.answerSpan().text());
                        if (explain) {
                            List<Source> sources = new ArrayList<>();
                            for (var hit : search.search(new SearchQuery(question, 5, SearchFilter.NONE)).hits()) {
                                sources.add(new Source(sources.size() + 1, hit));
                            }
                            List<String> texts = new ArrayList<>(List.of(question));
                            sources.forEach(s -> texts.add(s.supportText()));
                            System.out.println(ExtractiveExplain.top(question, sources, TermWeights.of(index, TextTerms.of(index.analyzer()), texts), Integer.getInteger("bench.explain", 8)));
                            System.out.println("    sources " + sources.stream().map(s -> s.n() + "=" + s.hit().chunkId()).toList());
                        }
                    }
                }
                System.out.print(QaMetrics.of(items).table(file + ", " + items.size() + " questions"));
            }
        } finally {
            index.close();
            embeddings.close();
        }
    }

    /** The verdict of one question, as QaMetrics counts it (its own methods are the cli package's). */
    private static String outcome(QaMetrics.Item item, AskResult a) {
        String answer = normal(a.answer());
        boolean hit = item.answers().isEmpty()
                ? item.keywords().stream().allMatch(k -> a.answer().toLowerCase(Locale.ROOT).contains(k.toLowerCase(Locale.ROOT)))
                : item.answers().stream().map(AnswerBench::normal).anyMatch(answer::contains);
        long good = item.citedDocuments().stream().filter(item.expected()::contains).count();
        return (item.abstained() ? "ABSTAINED" : hit ? "HIT" : "MISS") + " cites " + good + "/" + item.citedDocuments().size()
                + " expected " + item.expected() + " ranked " + item.rankedDocuments().subList(0, Math.min(3, item.rankedDocuments().size()));
    }

    private static String normal(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** What {@code jikji eval --sample N --seed S} draws: without replacement, file order kept. */
    static List<String> select(List<String> all, Integer sample, long seed) {
        if (sample == null || sample >= all.size()) return all;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) idx.add(i);
        Collections.shuffle(idx, new Random(seed));
        List<Integer> picked = new ArrayList<>(idx.subList(0, sample));
        Collections.sort(picked);
        return picked.stream().map(all::get).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
