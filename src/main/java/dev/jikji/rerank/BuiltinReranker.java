package dev.jikji.rerank;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A reranker that needs no model weights. Query and passage go through the index's analyzer (Nori
 * morphemes for Korean, so particles and endings do not count: 색인을 and 색인 are one term; stemmed
 * English), and each candidate is scored on four features, each scaled to [0, 1]:
 * <ul>
 *   <li><b>coverage</b>: the IDF-weighted share of the query's terms found in the passage, its title or
 *       its heading path (BM25 rewards repeating one term; this rewards covering all of them);</li>
 *   <li><b>proximity</b>: for each pair of query terms, how close they occur in the passage text
 *       (1/distance, weighted by the rarer term's IDF);</li>
 *   <li><b>heading</b>: the IDF-weighted share of query terms in the title and heading path;</li>
 *   <li><b>prior</b>: the fused rank, {@code (k+1)/(k+rank)}, so fusion's judgement is kept where the
 *       features cannot separate candidates.</li>
 * </ul>
 * Coverage, proximity and heading are divided by their best value among the candidates of the call,
 * so a query term no candidate has (question words such as 어떻게) does not shrink them. Segment metadata
 * read: {@code title}, {@code headingPath} (one string), {@code fusedRank} (1-based).
 */
public final class BuiltinReranker implements ScoringModel {

    public static final String NAME = "builtin";

    /** Feature weights and the k of the rank prior. */
    public record Weights(double coverage, double proximity, double heading, double prior, double priorK) {
        public static final Weights DEFAULT = new Weights(1.0, 0.3, 0.2, 1.0, 5);
    }

    /** Inverse document frequency of an analysed term; {@link #UNIFORM} when there are no statistics. */
    @FunctionalInterface
    public interface TermStats {
        TermStats UNIFORM = terms -> {
            Map<String, Double> m = new HashMap<>();
            for (String t : terms) m.put(t, 1.0);
            return m;
        };

        Map<String, Double> idf(Set<String> terms);
    }

    private final Analyzer analyzer;
    private final TermStats stats;
    private final Weights weights;

    public BuiltinReranker(Analyzer analyzer, TermStats stats, Weights weights) {
        this.analyzer = analyzer;
        this.stats = stats;
        this.weights = weights;
    }

    public Weights weights() {
        return weights;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<String> queryTerms = new ArrayList<>(new LinkedHashSet<>(terms(query)));
        Map<String, Double> idf = queryTerms.isEmpty() ? Map.of() : stats.idf(new HashSet<>(queryTerms));
        double[] coverage = new double[segments.size()];
        double[] proximity = new double[segments.size()];
        double[] heading = new double[segments.size()];
        double[] prior = new double[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            TextSegment s = segments.get(i);
            Metadata m = s.metadata();
            Integer rank = m.getInteger("fusedRank");
            prior[i] = rank == null ? 0 : (weights.priorK() + 1) / (weights.priorK() + rank);
            if (queryTerms.isEmpty()) continue;
            Map<String, List<Integer>> positions = positions(s.text());
            Set<String> head = new HashSet<>(terms(nullToEmpty(m.getString("title")) + "\n"
                    + nullToEmpty(m.getString("headingPath"))));
            double covered = 0, inHead = 0;
            for (String t : queryTerms) {
                double w = idf.getOrDefault(t, 1.0);
                if (positions.containsKey(t) || head.contains(t)) covered += w;
                if (head.contains(t)) inHead += w;
            }
            coverage[i] = covered;
            heading[i] = inHead;
            proximity[i] = proximity(queryTerms, idf, positions);
        }
        normaliseByMax(coverage);
        normaliseByMax(proximity);
        normaliseByMax(heading);
        List<Double> scores = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            scores.add(weights.coverage() * coverage[i] + weights.proximity() * proximity[i]
                    + weights.heading() * heading[i] + weights.prior() * prior[i]);
        }
        return Response.from(scores);
    }

    /** Sum over pairs of distinct query terms of min(idf) / (closest distance between them in the text). */
    private static double proximity(List<String> queryTerms, Map<String, Double> idf, Map<String, List<Integer>> positions) {
        double sum = 0;
        for (int a = 0; a < queryTerms.size(); a++) {
            List<Integer> pa = positions.get(queryTerms.get(a));
            if (pa == null) continue;
            for (int b = a + 1; b < queryTerms.size(); b++) {
                List<Integer> pb = positions.get(queryTerms.get(b));
                if (pb == null) continue;
                int d = minDistance(pa, pb);
                double w = Math.min(idf.getOrDefault(queryTerms.get(a), 1.0), idf.getOrDefault(queryTerms.get(b), 1.0));
                sum += w / Math.max(1, d);
            }
        }
        return sum;
    }

    /** Both lists ascending. */
    static int minDistance(List<Integer> a, List<Integer> b) {
        int i = 0, j = 0, best = Integer.MAX_VALUE;
        while (i < a.size() && j < b.size()) {
            int x = a.get(i), y = b.get(j);
            best = Math.min(best, Math.abs(x - y));
            if (x < y) i++; else j++;
        }
        return best;
    }

    private static void normaliseByMax(double[] v) {
        double max = 0;
        for (double x : v) max = Math.max(max, x);
        if (max <= 0) return;
        for (int i = 0; i < v.length; i++) v[i] /= max;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The analysed terms of a text, in order, repeats kept. */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        analyse(text, (term, pos) -> out.add(term));
        return out;
    }

    private Map<String, List<Integer>> positions(String text) {
        Map<String, List<Integer>> out = new HashMap<>();
        analyse(text, (term, pos) -> out.computeIfAbsent(term, k -> new ArrayList<>()).add(pos));
        return out;
    }

    private interface TermSink {
        void accept(String term, int position);
    }

    private void analyse(String text, TermSink sink) {
        if (text == null || text.isBlank()) return;
        try (TokenStream ts = analyzer.tokenStream("contents", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                sink.accept(term.toString(), pos);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
