package dev.jikji.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.api.CorpusFixture;
import dev.jikji.index.LuceneIndex;
import dev.jikji.rerank.BuiltinReranker;
import dev.jikji.rerank.Rerankers;
import dev.langchain4j.model.scoring.ScoringModel;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fusion order against the built-in reranker on the Korean and English question sets, with the same
 * metrics as {@link RetrievalQualityTest}. The default that {@code jikji.rerank.kind=auto} ships without a
 * cross-encoder ({@link Rerankers#AUTO_WITHOUT_MODEL}) must not be worse than fusion order.
 * Table: {@code bin/test -Dtest=RerankQualityTest}; weight sweep: add {@code -Drerank.sweep=true};
 * per-question differences: {@code -Drerank.diag=true}.
 *
 * <p>Tuning, on these same 60 questions (there is no held-out set, so small gains are weak evidence):
 * pairwise term proximity (1/distance) with coverage weight 1 lost to fusion on Korean recall@1 (0.875
 * against 0.925) in almost every setting; dropping question words (무엇, 어떻게, how …) from the query
 * changed little; a window coverage (query terms found together within 8 or 16 positions) with coverage
 * weight 0.5 and a steep rank prior (k 2 to 10) gave a plateau: Korean equal to fusion on recall@1 and
 * @5, MRR 0.958 against 0.954; English recall@1 0.95 against 0.90. k = 2 also kept Korean answer@1 at
 * fusion's 0.600 (k = 5: 0.575), hence the default.
 */
@QuarkusTest
@Tag("quarkus")
class RerankQualityTest {

    @Inject
    RerankedSearch search;

    @Inject
    LuceneIndex index;

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    /** Mean reranking time per question of the last {@link #measure} call, in ms. */
    private double lastRerankMs;

    RetrievalQualityTest.Recall measure(List<RetrievalQualityTest.Question> questions, ScoringModel reranker, String name) {
        List<List<SearchHit>> results = new ArrayList<>();
        long rerankMs = 0;
        for (RetrievalQualityTest.Question q : questions) {
            SearchResult r = search.search(new SearchQuery(q.question(), 20, SearchFilter.NONE), reranker, name);
            rerankMs += r.timings().rerankMs();
            results.add(r.hits());
        }
        lastRerankMs = (double) rerankMs / questions.size();
        return RetrievalQualityTest.score(questions, results);
    }

    private final Map<String, Double> rerankMs = new LinkedHashMap<>();

    private void put(Map<String, RetrievalQualityTest.Recall> r, String name, RetrievalQualityTest.Recall v) {
        r.put(name, v);
        rerankMs.put(name, lastRerankMs);
    }

    String row(String name, RetrievalQualityTest.Recall v) {
        return String.format(Locale.ROOT, "%-48s %9.3f %9.3f %7.3f %9.3f %9.3f %10.1f%n",
                name, v.at1(), v.at5(), v.mrr(), v.answerAt1(), v.answerAt5(), rerankMs.get(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qa-ko.jsonl", "qa-en.jsonl"})
    void shippedDefaultIsNotWorseThanFusion(String file) throws IOException {
        List<RetrievalQualityTest.Question> questions = RetrievalQualityTest.load(file);
        Map<String, RetrievalQualityTest.Recall> r = new LinkedHashMap<>();
        put(r, "fusion (none)", measure(questions, null, "none"));
        BuiltinReranker shipped = search.rerankers().builtin();
        put(r, "builtin " + describe(file.startsWith("qa-ko") ? shipped.koreanWeights() : shipped.weights()),
                measure(questions, shipped, BuiltinReranker.NAME));
        if (Boolean.getBoolean("rerank.sweep")) {
            for (BuiltinReranker.Weights w : sweep()) {
                put(r, "builtin " + describe(w), measure(questions, Rerankers.builtin(index, w), BuiltinReranker.NAME));
            }
        }
        if (Boolean.getBoolean("rerank.diag")) diagnose(questions);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nReranking on %s (%d questions, document-level; fused top %d reranked)%n%-48s %9s %9s %7s %9s %9s %10s%n",
                file, questions.size(), 50, "order", "recall@1", "recall@5", "MRR", "answer@1", "answer@5", "rerank ms"));
        r.forEach((name, v) -> table.append(row(name, v)));
        System.out.println(table);

        RetrievalQualityTest.Recall fusion = r.get("fusion (none)");
        RetrievalQualityTest.Recall builtin = r.get("builtin " + describe(file.startsWith("qa-ko") ? shipped.koreanWeights() : shipped.weights()));
        if (Rerankers.AUTO_WITHOUT_MODEL == Rerankers.Kind.BUILTIN) {
            assertThat(builtin.mrr()).as("builtin MRR vs fusion\n%s", table).isGreaterThanOrEqualTo(fusion.mrr());
            assertThat(builtin.at1()).as("builtin recall@1 vs fusion\n%s", table).isGreaterThanOrEqualTo(fusion.at1());
            assertThat(builtin.at5()).as("builtin recall@5 vs fusion\n%s", table).isGreaterThanOrEqualTo(fusion.at5());
            assertThat(builtin.answerAt1()).as("builtin answer@1 vs fusion\n%s", table).isGreaterThanOrEqualTo(fusion.answerAt1());
            assertThat(builtin.answerAt5()).as("builtin answer@5 vs fusion\n%s", table).isGreaterThanOrEqualTo(fusion.answerAt5());
        }
    }

    void diagnose(List<RetrievalQualityTest.Question> questions) {
        for (RetrievalQualityTest.Question q : questions) {
            List<SearchHit> f = search.search(new SearchQuery(q.question(), 5, SearchFilter.NONE), null, "none").hits();
            List<SearchHit> b = search.search(new SearchQuery(q.question(), 5, SearchFilter.NONE),
                    search.rerankers().builtin(), "builtin").hits();
            int fr = f.stream().map(SearchHit::documentId).distinct().toList().indexOf(q.documentId()) + 1;
            int br = b.stream().map(SearchHit::documentId).distinct().toList().indexOf(q.documentId()) + 1;
            boolean fa = f.get(0).text().contains(q.answer()), ba = b.get(0).text().contains(q.answer());
            if (fr != br || fa != ba) {
                System.out.printf("DIAG %s | want %s | fusion docRank %d ans1 %s top %s | builtin docRank %d ans1 %s top %s %s%n",
                        q.question(), q.documentId(), fr, fa, f.get(0).chunkId(), br, ba, b.get(0).chunkId(),
                        search.rerankers().builtin().terms(q.question()));
            }
        }
    }

    static String describe(BuiltinReranker.Weights w) {
        return String.format(Locale.ROOT, "c%.1f p%.1f h%.2f r%.1f k%.0f w%d s%.1f t%.1f b%.1f", w.coverage(), w.proximity(),
                w.heading(), w.prior(), w.priorK(), w.window(), w.sentence(), w.answerType(), w.sentenceBigrams());
    }

    static List<BuiltinReranker.Weights> sweep() {
        List<BuiltinReranker.Weights> out = new ArrayList<>();
        for (double c : new double[] {0.5, 1.0}) {
            for (double p : new double[] {0.3, 0.6}) {
                for (int w : new int[] {8, 16}) {
                    for (double k : new double[] {2, 5, 10}) {
                        out.add(new BuiltinReranker.Weights(c, p, 0.2, 1.0, k, w));
                    }
                }
            }
        }
        for (double[] st : new double[][] {{0, 0}, {0.3, 0}, {0, 0.6}, {0.3, 0.3}, {0.2, 0.4}, {0.3, 0.6}, {0.6, 0.6}}) {
            out.add(new BuiltinReranker.Weights(0.5, 0.3, 0.2, 1.0, 2, 16, st[0], st[1]));
            out.add(new BuiltinReranker.Weights(0.5, 0.3, 0.2, 1.0, 5, 16, st[0], st[1]));
        }
        out.add(new BuiltinReranker.Weights(0.5, 0.3, 0, 1.0, 2, 16));
        out.add(new BuiltinReranker.Weights(1, 0, 0, 0, 2, 16));
        out.add(new BuiltinReranker.Weights(0, 1, 0, 0, 2, 16));
        return out;
    }
}
