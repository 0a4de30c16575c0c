package dev.jikji.rag;

import dev.jikji.index.IndexFields;
import dev.jikji.index.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Content terms of a text as the index analyses it (Nori morphemes for Korean, stemmed words for
 * English, particles and endings dropped) and their IDF in the index, so that "how much of this
 * claim does that source say" can be measured the same way in both languages: a rare term such as
 * 임계값 counts more than 사용.
 */
public final class TermWeights {

    private final Analyzer analyzer;
    private final Map<String, Double> idf;

    private TermWeights(Analyzer analyzer, Map<String, Double> idf) {
        this.analyzer = analyzer;
        this.idf = idf;
    }

    /** Weights read from the index at this moment; reuse one instance within a request. */
    public static TermWeights of(SearchIndex index, Iterable<String> texts) {
        Analyzer analyzer = index.analyzer();
        Set<String> all = new LinkedHashSet<>();
        for (String t : texts) all.addAll(terms(analyzer, t));
        return new TermWeights(analyzer, index.idf(all));
    }

    /** Uniform weights, for texts outside any index (tests, an empty index). */
    public static TermWeights uniform(Analyzer analyzer) {
        return new TermWeights(analyzer, Map.of());
    }

    public Set<String> terms(String text) {
        return terms(analyzer, text);
    }

    static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(IndexFields.CONTENTS, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
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
