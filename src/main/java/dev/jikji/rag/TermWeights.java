package dev.jikji.rag;

import dev.jikji.index.SearchIndex;
import dev.jikji.index.TextTerms;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Content terms of a text as the index analyses it (Nori morphemes for Korean, stemmed words for
 * English, particles and endings dropped) and their IDF in the index, so that "how much of this
 * claim does that source say" can be measured the same way in both languages: a rare term such as
 * 임계값 counts more than 사용.
 */
public final class TermWeights {

    private final TextTerms text;
    private final Map<String, Double> idf;

    private TermWeights(TextTerms text, Map<String, Double> idf) {
        this.text = text;
        this.idf = idf;
    }

    /** Weights read from the index at this moment; reuse one instance within a request. */
    public static TermWeights of(SearchIndex index, TextTerms text, Iterable<String> texts) {
        Set<String> all = new LinkedHashSet<>();
        for (String t : texts) all.addAll(text.terms(t));
        return new TermWeights(text, index.idf(all));
    }

    /** Uniform weights, for texts outside any index (tests, an empty index). */
    public static TermWeights uniform(Analyzer analyzer) {
        return new TermWeights(TextTerms.of(analyzer), Map.of());
    }

    /** The distinct analysed terms of {@code text}, in order of first occurrence. */
    public Set<String> terms(String text) {
        return this.text.terms(text);
    }

    public double weight(String term) {
        return idf.getOrDefault(term, 1.0);
    }

    /**
     * The IDF-weighted share of {@code claim}'s terms that also occur in {@code source}: 1 when the source
     * says every word of the claim, 0 when it shares none. An empty claim is fully covered.
     */
    public double coverage(Set<String> claim, Set<String> source) {
        double total = 0;
        double covered = 0;
        for (String t : claim) {
            double w = weight(t);
            total += w;
            if (source.contains(t)) covered += w;
        }
        return total == 0 ? 1.0 : covered / total;
    }
}
