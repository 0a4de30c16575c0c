package dev.jikji.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/** The retrieval legs as Lucene queries, run on one point-in-time view of the embedded index. */
public final class LuceneLegs {

    private final Analyzer analyzer;
    private final StoredChunkCache stored;

    LuceneLegs(Analyzer analyzer, int chunkCacheMb) {
        this.analyzer = analyzer;
        this.stored = new StoredChunkCache(chunkCacheMb);
    }

    Legs run(IndexSearcher s, LegQuery q) throws IOException {
        Query filter = filterQuery(q.filter());
        int n = q.candidates();
        StoredChunkCache.Reads reads = stored.reads(s);
        List<StoredChunk> bm25 = q.runs(LegQuery.Leg.BM25) ? chunks(reads, bm25Query(q.text(), filter, q.settings()), n) : List.of();
        List<StoredChunk> knn = q.runs(LegQuery.Leg.VECTOR) ? chunks(reads, VectorQuery.nearest(q.vector(), n, filter,
                q.settings().vectorExactLimit(), q.settings().vectorGraphCandidates()), n) : List.of();
        List<StoredChunk> bigrams = q.runs(LegQuery.Leg.BIGRAM) ? chunks(reads, bigramQuery(q.text(), filter), n) : List.of();
        List<String> documents = q.runs(LegQuery.Leg.DOCUMENT) ? documentIds(s, documentQuery(q.text(), q.filter(), q.settings()), n) : List.of();
        return new Legs(bm25, knn, bigrams, documents);
    }

    Query bm25Query(String text, Query filter, LegQuery.Settings settings) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        Query contents = builder.createBooleanQuery(IndexFields.CONTENTS, text, Occur.SHOULD);
        if (contents == null) return null;
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(contents, Occur.SHOULD);
        addProximity(q, IndexFields.CONTENTS, text, settings);
        Query title = builder.createBooleanQuery(IndexFields.TITLE_TEXT, text, Occur.SHOULD);
        if (title != null && settings.titleBoost() > 0) q.add(new BoostQuery(title, settings.titleBoost()), Occur.SHOULD);
        Query heading = builder.createBooleanQuery(IndexFields.HEADING_TEXT, text, Occur.SHOULD);
        if (heading != null && settings.headingBoost() > 0) q.add(new BoostQuery(heading, settings.headingBoost()), Occur.SHOULD);
        q.add(filter, Occur.FILTER);
        q.setMinimumNumberShouldMatch(1);
        return q.build();
    }

    /** BM25 over the whole document's text, run on the document records under the same filter. */
    Query documentQuery(String text, IndexFilter filter, LegQuery.Settings settings) {
        Query contents = new QueryBuilder(analyzer).createBooleanQuery(IndexFields.DOC_CONTENTS, text, Occur.SHOULD);
        if (contents == null) return null;
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(contents, Occur.MUST);
        addProximity(q, IndexFields.DOC_CONTENTS, text, settings);
        return q.add(filterQuery(filter, IndexFields.TYPE_DOC), Occur.FILTER).build();
    }

    /** Optional sloppy-phrase clauses over neighbouring query terms ({@link ProximityQuery}). */
    private void addProximity(BooleanQuery.Builder q, String field, String text, LegQuery.Settings settings) {
        if (settings.proximityBoost() <= 0) return;
        Query near = ProximityQuery.of(analyzer, field, text, settings.proximitySlop());
        if (near != null) q.add(new BoostQuery(near, settings.proximityBoost()), Occur.SHOULD);
    }

    static Query bigramQuery(String text, Query filter) {
        Query contents = new QueryBuilder(LuceneIndex.BIGRAMS).createBooleanQuery(IndexFields.CONTENTS_BIGRAMS, text, Occur.SHOULD);
        if (contents == null) return null;
        return new BooleanQuery.Builder().add(contents, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /** The filter every chunk leg runs under: chunks only, then the request's ids, metadata and ACL groups. */
    public static Query filterQuery(IndexFilter filter) {
        return filterQuery(filter, IndexFields.TYPE_CHUNK);
    }

    private static Query filterQuery(IndexFilter filter, String type) {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, type)), Occur.FILTER);
        if (!filter.documentIds().isEmpty()) {
            q.add(new TermInSetQuery(IndexFields.DOC_ID, filter.documentIds().stream().map(BytesRef::new).toList()),
                    Occur.FILTER);
        }
        filter.metadata().forEach((k, v) ->
                q.add(new TermQuery(new Term(IndexFields.META_PREFIX + k, v)), Occur.FILTER));
        Query visible = AclQuery.visibleTo(filter.groups());
        if (visible != null) q.add(visible, Occur.FILTER);
        return q.build();
    }

    /**
     * Read from the records' sorted doc values, not their stored fields: a record stores the whole original, and
     * decompressing it to read the id was a tenth of a Korean search's CPU (JFR under {@code bin/load}, stop 26).
     */
    private static List<String> documentIds(IndexSearcher s, Query q, int n) throws IOException {
        if (q == null) return List.of();
        ScoreDoc[] hits = s.search(q, n).scoreDocs;
        String[] out = new String[hits.length];
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // doc values iterate forwards only: visit the hits in doc order, one doc-values instance per leaf
        Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        SortedDocValues ids = null;
        for (int i : order) {
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                ids = DocValues.getSorted(leaf.reader(), IndexFields.DOC_ID);
            }
            if (!ids.advanceExact(doc - leaf.docBase)) throw new IllegalStateException("document record without an id");
            out[i] = ids.lookupOrd(ids.ordValue()).utf8ToString();
        }
        return List.of(out);
    }

    private static List<StoredChunk> chunks(StoredChunkCache.Reads reads, Query q, int n) throws IOException {
        return q == null ? List.of() : reads.top(q, n);
    }
}
