package dev.jikji.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;

/**
 * The proximity part of a sequential-dependence query: one sloppy phrase per pair of neighbouring query
 * terms (analysed, in the question's order), all optional. A passage that keeps two of the question's
 * terms close together (or a compound Nori split into neighbours) scores above one that only has them
 * somewhere; bag-of-words BM25 cannot tell those apart, which is what confuses sibling passages of one
 * article that share their vocabulary. {@link #pairs} is shared with the SolrCloud backend, which sends the same
 * phrases in Solr's syntax.
 */
public final class ProximityQuery {

    private ProximityQuery() {}

    /**
     * Two neighbouring analysed terms of a text: {@code gap} analysed positions apart (more than 1 where the
     * analyzer dropped a particle or stop word between them), {@code start}..{@code end} the characters of the
     * text from the first's start to the second's end.
     */
    public record Pair(String first, String second, int gap, int start, int end) {}

    /** Null when the text has fewer than two distinct analysed terms. */
    static Query of(Analyzer analyzer, String field, String text, int slop) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        for (Pair p : pairs(analyzer, text)) {
            // a gap the analyzer left (a dropped particle or stop word) does not count against the slop
            q.add(new PhraseQuery.Builder().add(new org.apache.lucene.index.Term(field, p.first()), 0)
                    .add(new org.apache.lucene.index.Term(field, p.second()), p.gap()).setSlop(slop).build(), Occur.SHOULD);
            clauses++;
        }
        return clauses == 0 ? null : q.build();
    }

    /** The distinct pairs of neighbouring terms, in the text's order, at most the clause limit of a boolean query. */
    public static List<Pair> pairs(Analyzer analyzer, String text) {
        List<TextTerms.Token> tokens = tokens(analyzer, text);
        List<Pair> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 1; i < tokens.size() && out.size() < IndexSearcher.getMaxClauseCount(); i++) {
            TextTerms.Token a = tokens.get(i - 1), b = tokens.get(i);
            if (a.term().equals(b.term()) || !seen.add(a.term() + '\u0000' + b.term())) continue;
            out.add(new Pair(a.term(), b.term(), b.position() - a.position(), a.start(), b.end()));
        }
        return out;
    }

    /** Every analysed token of {@code text} (analysed as {@code contents}), stacked ones included. */
    public static List<TextTerms.Token> analyse(Analyzer analyzer, String text) {
        List<TextTerms.Token> out = new ArrayList<>();
        TextTerms.of(analyzer).forEach(text, out::add);
        return out;
    }

    private static List<TextTerms.Token> tokens(Analyzer analyzer, String text) {
        List<TextTerms.Token> out = new ArrayList<>();
        int[] last = {-1};
        TextTerms.of(analyzer).forEach(text, t -> {
            // stacked tokens (synonyms, decompound "mixed") share a position: keep the first
            if (t.position() == last[0]) return;
            last[0] = t.position();
            out.add(t);
        });
        return out;
    }
}
