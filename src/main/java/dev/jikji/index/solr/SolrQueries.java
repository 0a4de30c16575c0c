package dev.jikji.index.solr;

import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexFilter;
import dev.jikji.index.LegQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** BM25 over contents, title and headings: the embedded index's SHOULD clauses, at least one of them matching. */
    static SolrQuery bm25(String text, LegQuery.Settings s) {
        SolrQuery q = new SolrQuery("{!bool should=$bc should=$bt should=$bh}");
        q.set("bc", text(IndexFields.CONTENTS, text));
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

    static SolrQuery documents(String text) {
        return new SolrQuery(text(IndexFields.DOC_CONTENTS, text));
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
