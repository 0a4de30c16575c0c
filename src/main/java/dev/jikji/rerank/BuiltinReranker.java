package dev.jikji.rerank;

import dev.jikji.index.TextTerms;
import dev.jikji.language.Language;
import dev.jikji.language.QuestionType;
import dev.jikji.language.TextLanguage;
import dev.jikji.index.TextTerms.TermPositions;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reranker that needs no model weights. Query and passage go through the index's analyzer (Nori
 * morphemes for Korean, so particles and endings do not count: 색인을 and 색인 are one term; stemmed
 * English), and each candidate is scored on six features, each scaled to [0, 1]:
 * <ul>
 *   <li><b>coverage</b>: the IDF-weighted share of the query's terms found in the passage, its title or
 *       its heading path (BM25 rewards repeating one term; this rewards covering all of them);</li>
 *   <li><b>proximity</b>: the IDF weight of the distinct query terms found together within
 *       {@code window} consecutive positions of the passage text, at the best place;</li>
 *   <li><b>heading</b>: the IDF-weighted share of query terms in the title and heading path;</li>
 *   <li><b>sentence</b>: the IDF weight of the distinct query terms found in one sentence, at the best sentence
 *       of the candidate's document among the candidates (a question is mostly written from one sentence; a
 *       sibling passage that shares the topic spreads the same words over many);</li>
 *   <li><b>answer type</b>: for a question that needs a number or a date ({@link QuestionType#needsMarker()}:
 *       몇, 얼마, 언제, how many), the sentence feature over the sentences that hold one (Korean weights only by default);</li>
 *   <li><b>sentence bigrams</b>: the share of the question's character bigrams (white space removed) found in one
 *       sentence, at the best sentence of the candidate's document (Korean weights only by default);</li>
 *   <li><b>prior</b>: the fused rank, {@code (k+1)/(k+rank)}, so fusion's judgement is kept where the
 *       features cannot separate candidates.</li>
 * </ul>
 * Korean questions have weights of their own ({@link Weights#KOREAN}). Question words (무엇, 어떻게, how, what …) are
 * dropped from the query first.
 * Coverage, proximity and heading are divided by their best value among the candidates of the call,
 * so a query term no candidate has does not shrink them against the prior. Segment metadata
 * read: {@code title}, {@code headingPath} (one string), {@code fusedRank} (1-based).
 */
public final class BuiltinReranker implements ScoringModel {

    public static final String NAME = "builtin";

    /**
     * Feature weights, the k of the rank prior and the proximity window (in analysed positions). {@code DEFAULT} and
     * {@code KOREAN} are the defaults of {@code jikji.rerank.builtin.*} and {@code jikji.rerank.builtin.korean.*}
     * (BuiltinWeightsDefaultsTest holds them equal).
     */
    public record Weights(double coverage, double proximity, double heading, double prior, double priorK, int window,
            double sentence, double answerType, double sentenceBigrams) {
        /** English and other languages: measured best on the project's sets and XQuAD (RerankQualityTest; README). */
        public static final Weights DEFAULT = new Weights(0.5, 0.3, 0.2, 1.0, 2, 16, 0.3, 0, 0);
        /**
         * Korean questions: fitted on KorQuAD dev (a listwise softmax over the candidates; held-out recall@1 0.942
         * against 0.935 in two-fold cross-validation, README "Retrieval quality").
         */
        public static final Weights KOREAN = new Weights(2.9, 0.6, 0.75, 1.0, 2, 16, 0, 0.6, 2.3);

        /** Without the character-bigram sentence feature. */
        public Weights(double coverage, double proximity, double heading, double prior, double priorK, int window,
                double sentence, double answerType) {
            this(coverage, proximity, heading, prior, priorK, window, sentence, answerType, 0);
        }

        /** Without the sentence features. */
        public Weights(double coverage, double proximity, double heading, double prior, double priorK, int window) {
            this(coverage, proximity, heading, prior, priorK, window, 0, 0, 0);
        }
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

    /**
     * Question words and auxiliaries that say what kind of answer is wanted, not what it is about: as
     * query terms they are rare in documents (so high IDF) and match only by chance. Analysed forms.
     */
    public static final Set<String> QUESTION_WORDS = Set.of(
            "무엇", "뭐", "뭔", "무슨", "어디", "언제", "어떻게", "어떻", "어떤", "어느", "왜", "누구", "누가", "몇", "얼마", "얼마나",
            "what", "how", "when", "where", "why", "who", "whom", "whose", "which",
            "do", "does", "did", "done", "we", "i", "you", "our", "my", "should", "can", "could", "would", "must",
            "exactly", "actually");

    private final TextTerms text;
    private final TermStats stats;
    private final Weights weights;
    private final Weights korean;
    private final CandidateSentences sentencesOf;

    /** The same weights for every language (variants measured by the evaluation tools). */
    public BuiltinReranker(TextTerms text, TermStats stats, Weights weights) {
        this(text, stats, weights, weights);
    }

    /** {@code korean} for Korean questions, {@code weights} for the others. */
    public BuiltinReranker(TextTerms text, TermStats stats, Weights weights, Weights korean) {
        this(text, stats, weights, korean, 0);
    }

    /** @param sentenceCacheMb heap for candidates' split sentences ({@link CandidateSentences}); 0 keeps none */
    public BuiltinReranker(TextTerms text, TermStats stats, Weights weights, Weights korean, int sentenceCacheMb) {
        this.text = text;
        this.stats = stats;
        this.weights = weights;
        this.korean = korean;
        this.sentencesOf = new CandidateSentences(text, sentenceCacheMb);
    }

    /** The weights of questions in languages other than Korean. */
    public Weights weights() {
        return weights;
    }

    /** The weights of Korean questions. */
    public Weights koreanWeights() {
        return korean;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<String> queryTerms = new ArrayList<>(new LinkedHashSet<>(terms(query)));
        queryTerms.removeAll(QUESTION_WORDS);
        Map<String, Double> idf = queryTerms.isEmpty() ? Map.of() : stats.idf(new HashSet<>(queryTerms));
        double[] coverage = new double[segments.size()];
        double[] proximity = new double[segments.size()];
        double[] heading = new double[segments.size()];
        double[] prior = new double[segments.size()];
        double[] sentence = new double[segments.size()];
        double[] typed = new double[segments.size()];
        double[] bigrams = new double[segments.size()];
        // per language: weights fitted on Korean questions cost English ones (XQuAD 0.970 to 0.958 recall@1)
        Weights chosen = TextLanguage.detect(query) == Language.KOREAN ? korean : weights;
        boolean sentences = chosen.sentence() > 0 || chosen.answerType() > 0 || chosen.sentenceBigrams() > 0;
        QuestionType type = chosen.answerType() > 0 ? QuestionType.of(query) : QuestionType.OTHER;
        Set<String> queryBigrams = chosen.sentenceBigrams() > 0 ? characterBigrams(query) : Set.of();
        for (int i = 0; i < segments.size(); i++) {
            TextSegment s = segments.get(i);
            Metadata m = s.metadata();
            Integer rank = m.getInteger("fusedRank");
            prior[i] = rank == null ? 0 : (chosen.priorK() + 1) / (chosen.priorK() + rank);
            if (queryTerms.isEmpty()) continue;
            TermPositions positions = text.positions(s.text());
            Set<String> head = text.terms(nullToEmpty(m.getString("title")) + "\n" + nullToEmpty(m.getString("headingPath")));
            double covered = 0, inHead = 0;
            for (String t : queryTerms) {
                double w = idf.getOrDefault(t, 1.0);
                if (positions.contains(t) || head.contains(t)) covered += w;
                if (head.contains(t)) inHead += w;
            }
            coverage[i] = covered;
            heading[i] = inHead;
            proximity[i] = windowCoverage(queryTerms, idf, positions, Math.max(1, chosen.window()));
            if (sentences) {
                for (CandidateSentences.Sentence sent : sentencesOf.of(s.text())) {
                    double w = 0;
                    for (String t : queryTerms) if (sent.terms().contains(t)) w += idf.getOrDefault(t, 1.0);
                    sentence[i] = Math.max(sentence[i], w);
                    if (type.needsMarker() && sent.fits(type)) typed[i] = Math.max(typed[i], w);
                    if (!queryBigrams.isEmpty()) bigrams[i] = Math.max(bigrams[i], compactShare(queryBigrams, sent.compact()));
                }
            }
        }
        normaliseByMax(coverage);
        normaliseByMax(proximity);
        normaliseByMax(heading);
        if (sentences) {
            perDocument(segments, sentence);
            perDocument(segments, typed);
            perDocument(segments, bigrams);
        }
        normaliseByMax(sentence);
        normaliseByMax(typed);
        List<Double> scores = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            scores.add(chosen.coverage() * coverage[i] + chosen.proximity() * proximity[i]
                    + chosen.heading() * heading[i] + chosen.prior() * prior[i]
                    + chosen.sentence() * sentence[i] + chosen.answerType() * typed[i]
                    + chosen.sentenceBigrams() * bigrams[i]);
        }
        return Response.from(scores);
    }

    /**
     * The question's distinct character bigrams, white space removed (and a final question mark): Korean questions copy
     * runs of their source sentence's characters, whichever way Nori segments them or the writer spaces them.
     */
    static Set<String> characterBigrams(String query) {
        String q = withoutWhiteSpace(query).replaceAll("[?？.]+$", "");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 <= q.length(); i++) out.add(q.substring(i, i + 2));
        return out;
    }

    /** The share of {@code queryBigrams} found in {@code s}, a sentence already stripped of white space. */
    static double compactShare(Set<String> queryBigrams, String s) {
        int found = 0;
        for (String b : queryBigrams) if (s.contains(b)) found++;
        return (double) found / queryBigrams.size();
    }

    /** Runs for every sentence of every candidate: a plain loop rather than a regular expression. */
    static String withoutWhiteSpace(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) b.append(c);
        }
        return b.toString();
    }

    /** The most IDF weight of distinct query terms found together in any {@code window} consecutive positions. */
    static double windowCoverage(List<String> queryTerms, Map<String, Double> idf, TermPositions positions, int window) {
        List<int[]> hits = new ArrayList<>(); // position, query term index
        for (int q = 0; q < queryTerms.size(); q++) {
            int term = q;
            positions.forEachPosition(queryTerms.get(q), p -> hits.add(new int[] {p, term}));
        }
        hits.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] count = new int[queryTerms.size()];
        double inWindow = 0, best = 0;
        int from = 0;
        for (int[] h : hits) {
            if (count[h[1]]++ == 0) inWindow += idf.getOrDefault(queryTerms.get(h[1]), 1.0);
            while (hits.get(from)[0] <= h[0] - window) {
                int q = hits.get(from++)[1];
                if (--count[q] == 0) inWindow -= idf.getOrDefault(queryTerms.get(q), 1.0);
            }
            best = Math.max(best, inWindow);
        }
        return best;
    }

    /**
     * Each candidate takes its document's best value: the sentence features choose between documents, and leave the
     * choice of a document's chunks to the others (per chunk they moved the answer out of the top chunks of the
     * right document on the project's sets). Segments without a {@code documentId} stand alone.
     */
    static void perDocument(List<TextSegment> segments, double[] v) {
        Map<String, Double> best = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            String doc = segments.get(i).metadata().getString("documentId");
            if (doc != null) best.merge(doc, v[i], Math::max);
        }
        for (int i = 0; i < v.length; i++) {
            String doc = segments.get(i).metadata().getString("documentId");
            if (doc != null) v[i] = best.get(doc);
        }
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
    public List<String> terms(String query) {
        return text.sequence(query);
    }
}
