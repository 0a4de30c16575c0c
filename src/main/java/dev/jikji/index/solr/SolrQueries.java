package dev.jikji.index.solr;

import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexFilter;
import dev.jikji.index.LegQuery;
import dev.jikji.index.ProximityQuery;
import dev.jikji.index.TextTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * The embedded index's queries in Solr's syntax. Filters are {@code fq}s, which Solr applies inside each leg (its
 * kNN query takes them as a pre-filter, as Lucene's does), so a top K stays full. Text goes to the standard query
 * parser escaped as one term ({@code q.op=OR}, no whitespace split): analysed as a whole, it becomes the same
 * disjunction of terms that Lucene's QueryBuilder makes in the embedded index.
 */
final class SolrQueries {

    /**
     * Separates values for {@code {!terms}}: a control character, never in an id (ingest refuses them), and not one
     * Java counts as whitespace (U+001C to U+001F are), which would end the local parameter before its value.
     */
    private static final String SEPARATOR = "\u0001";

    private SolrQueries() {}

    /** Chunks (or records, {@code type}) under the request's ids, metadata and ACL groups. */
    static List<String> filters(IndexFilter filter, String type) {
        List<String> fq = new ArrayList<>();
        fq.add(term(IndexFields.TYPE, type));
        if (!filter.documentIds().isEmpty()) {
            fq.add("{!terms f=" + IndexFields.DOC_ID + " separator=" + SEPARATOR + "}"
                    + String.join(SEPARATOR, filter.documentIds()));
        }
        filter.metadata().forEach((k, v) -> fq.add(term(IndexFields.META_PREFIX + k, v)));
        String visible = visibleTo(filter.groups());
        if (visible != null) fq.add(visible);
        return fq;
    }

    /** As {@code AclQuery}: documents without an acl, and those naming one of {@code groups}; null: no restriction. */
    static String visibleTo(java.util.Set<String> groups) {
        if (groups == null) return null;
        StringBuilder q = new StringBuilder("(*:* -" + IndexFields.ACL + ":[* TO *])");
        for (String g : groups.stream().sorted().toList()) {
            q.append(" OR ").append(IndexFields.ACL).append(':').append(ClientUtils.escapeQueryChars(g));
        }
        return q.toString();
    }

    static String term(String field, String value) {
        return "{!term f=" + field + "}" + value;
    }

    /** Text as a disjunction of its analysed terms over {@code field}. */
    static String text(String field, String text) {
        return "{!lucene df=" + field + " q.op=OR sow=false}" + ClientUtils.escapeQueryChars(text);
    }

    /** The query in parameter {@code param}, its scores multiplied by {@code boost} (Lucene's BoostQuery). */
    private static String boosted(String param, float boost) {
        return "{!boost b=" + String.format(Locale.ROOT, "%s", boost) + " v=$" + param + "}";
    }

    /**
     * BM25 over contents, title and headings: the embedded index's SHOULD clauses, at least one of them matching,
     * and its proximity clauses over contents when {@code s} asks for them.
     */
    static SolrQuery bm25(String text, LegQuery.Settings s, Analyzer analyzer) {
        String near = proximity(analyzer, IndexFields.CONTENTS, text, s);
        SolrQuery q = new SolrQuery("{!bool should=$bc should=$bt should=$bh" + (near == null ? "" : " should=$bp") + "}");
        q.set("bc", text(IndexFields.CONTENTS, text));
        if (near != null) {
            q.set("bpq", near);
            q.set("bp", boosted("bpq", s.proximityBoost()));
        }
        q.set("btq", text(IndexFields.TITLE_TEXT, text));
        q.set("bhq", text(IndexFields.HEADING_TEXT, text));
        // a boost of 0 leaves the clause out, as the embedded index does
        q.set("bt", s.titleBoost() > 0 ? boosted("btq", s.titleBoost()) : "-*:*");
        q.set("bh", s.headingBoost() > 0 ? boosted("bhq", s.headingBoost()) : "-*:*");
        return q;
    }

    static SolrQuery bigrams(String text) {
        return new SolrQuery(text(IndexFields.CONTENTS_BIGRAMS, text));
    }

    /** Whole documents: their text must match, the proximity clauses (if any) only add to the score, as embedded. */
    static SolrQuery documents(String text, LegQuery.Settings s, Analyzer analyzer) {
        String near = proximity(analyzer, IndexFields.DOC_CONTENTS, text, s);
        if (near == null) return new SolrQuery(text(IndexFields.DOC_CONTENTS, text));
        SolrQuery q = new SolrQuery("{!bool must=$dc should=$dp}");
        q.set("dc", text(IndexFields.DOC_CONTENTS, text));
        q.set("dpq", near);
        q.set("dp", boosted("dpq", s.proximityBoost()));
        return q;
    }

    /**
     * The embedded index's {@code ProximityQuery} as Lucene syntax: one optional sloppy phrase per pair of
     * neighbouring analysed terms, the pairs from Jikji's own analysis. Solr re-analyses a quoted phrase with the
     * configset's analyzer (the same chain as Jikji's), and Lucene syntax cannot place a term at a position, so each
     * phrase is written as the question's own characters from the first term to the second (a dropped particle
     * between them then leaves the same position gap) when that analyses to exactly the pair at its gap; else as
     * the two terms, when they analyse to themselves (a gap of 1: the one difference from the embedded query); else
     * the pair is left out. Null: no clause (boost 0, or fewer than two terms).
     */
    static String proximity(Analyzer analyzer, String field, String text, LegQuery.Settings s) {
        if (s.proximityBoost() <= 0 || analyzer == null) return null;
        List<String> phrases = new ArrayList<>();
        for (ProximityQuery.Pair p : ProximityQuery.pairs(analyzer, text)) {
            String surface = text.substring(p.start(), p.end());
            String terms = p.first() + " " + p.second();
            String phrase = analysesTo(analyzer, surface, p, p.gap()) ? surface
                    : analysesTo(analyzer, terms, p, 1) ? terms : null;
            if (phrase != null) phrases.add('"' + phrase.replace("\\", "\\\\").replace("\"", "\\\"") + "\"~" + s.proximitySlop());
        }
        if (phrases.isEmpty()) return null;
        return "{!lucene df=" + field + " q.op=OR}" + String.join(" ", phrases);
    }

    /** Whether {@code phrase} analyses to the pair's two terms, {@code gap} positions apart, and nothing else. */
    private static boolean analysesTo(Analyzer analyzer, String phrase, ProximityQuery.Pair pair, int gap) {
        List<TextTerms.Token> t = ProximityQuery.analyse(analyzer, phrase);
        return t.size() == 2 && t.get(0).term().equals(pair.first()) && t.get(1).term().equals(pair.second())
                && t.get(1).position() - t.get(0).position() == gap;
    }

    /** The nearest chunk vectors; the graph is asked for {@code topK} candidates of which the caller keeps its rows. */
    static SolrQuery knn(float[] vector, int topK) {
        StringBuilder v = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) v.append(',');
            v.append(vector[i]);
        }
        return new SolrQuery("{!knn f=" + IndexFields.VECTOR + " topK=" + topK + "}" + v.append(']'));
    }
}
