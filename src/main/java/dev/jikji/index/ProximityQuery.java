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
 * article that share their vocabulary.
 */
final class ProximityQuery {

    private ProximityQuery() {}

    /** Null when the text has fewer than two distinct analysed terms. */
    static Query of(Analyzer analyzer, String field, String text, int slop) {
        List<Token> tokens = tokens(analyzer, field, text);
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        Set<String> seen = new LinkedHashSet<>();
        int clauses = 0;
        for (int i = 1; i < tokens.size(); i++) {
            Token a = tokens.get(i - 1), b = tokens.get(i);
            if (a.term().equals(b.term()) || !seen.add(a.term() + '\u0000' + b.term())) continue;
            // a gap the analyzer left (a dropped particle or stop word) does not count against the slop
            int gap = b.position() - a.position();
            q.add(new PhraseQuery.Builder().add(new org.apache.lucene.index.Term(field, a.term()), 0)
                    .add(new org.apache.lucene.index.Term(field, b.term()), gap).setSlop(slop).build(), Occur.SHOULD);
            if (++clauses >= IndexSearcher.getMaxClauseCount()) break;
        }
        return clauses == 0 ? null : q.build();
    }

    private record Token(String term, int position) {}

    private static List<Token> tokens(Analyzer analyzer, String field, String text) {
        List<Token> out = new ArrayList<>();
        int[] last = {-1};
        TextTerms.of(analyzer).forEach(text, t -> {
            // stacked tokens (synonyms, decompound "mixed") share a position: keep the first
            if (t.position() == last[0]) return;
            last[0] = t.position();
            out.add(new Token(t.term(), t.position()));
        });
        return out;
    }
}
