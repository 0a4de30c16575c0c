package dev.jikji.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexFields;
import dev.jikji.index.AclQuery;
import dev.jikji.ingest.Chunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACL clause of {@link HybridSearcher#filterQuery} on a real Lucene index built with the real chunk
 * documents: BM25 and pre-filtered kNN rank only visible chunks, and the top K stays full when enough are visible.
 */
class AclFilterTest {

    @TempDir
    Path dir;

    private DirectoryReader reader;
    private IndexSearcher searcher;

    /** Every chunk says "salary"; the hr chunks' vectors are the closest to the query vector, so they would win. */
    @BeforeEach
    void index() throws Exception {
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
            add(w, "hr-1", List.of("hr"), 5, new float[] {1, 0, 0});
            add(w, "hr-ops", List.of("hr", "ops"), 3, new float[] {1, 0.01f, 0});
            add(w, "public", List.of(), 6, new float[] {0, 1, 0});
            add(w, "staff", List.of("staff"), 4, new float[] {0, 0, 1});
            w.commit();
        }
        reader = DirectoryReader.open(FSDirectory.open(dir));
        searcher = new IndexSearcher(reader);
    }

    @AfterEach
    void close() throws Exception {
        reader.close();
    }

    private static void add(IndexWriter w, String id, List<String> acl, int chunks, float[] vector) throws Exception {
        DocumentRecord rec = new DocumentRecord(id, "Title " + id, id + ".md", "text/markdown", Map.of(), acl, "h",
                Instant.now(), chunks);
        List<Chunk> cs = new ArrayList<>();
        List<float[]> vs = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            String text = "salary bands of " + id + " part " + i + (id.startsWith("hr") ? " salary salary salary" : "");
            cs.add(new Chunk(i, List.of(), text, 0, text.length(), 10));
            vs.add(vector);
        }
        for (Document d : ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(rec, "{}", "original", cs, vs))) w.addDocument(d);
    }

    private List<String> docIds(Query q, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(q, n).scoreDocs) out.add(searcher.storedFields().document(sd.doc).get(IndexFields.DOC_ID));
        return out;
    }

    private Query bm25(SearchFilter f) {
        return new BooleanQuery.Builder().add(new TermQuery(new Term(IndexFields.CONTENTS, "salary")), Occur.SHOULD)
                .add(dev.jikji.index.LuceneLegs.filterQuery(f.toIndex()), Occur.FILTER).build();
    }

    private Query knn(SearchFilter f, int k) {
        return new KnnFloatVectorQuery(IndexFields.VECTOR, new float[] {1, 0, 0}, k, dev.jikji.index.LuceneLegs.filterQuery(f.toIndex()));
    }

    @Test
    void unrestrictedSeesEverythingAndHrRanksFirst() throws Exception {
        assertThat(docIds(bm25(SearchFilter.NONE), 100)).hasSize(18).startsWith("hr-1");
        assertThat(docIds(knn(SearchFilter.NONE, 5), 5)).allMatch(id -> id.startsWith("hr"));
    }

    @Test
    void publicOnlyCallerSeesOnlyDocumentsWithoutAcl() throws Exception {
        SearchFilter f = SearchFilter.visibleTo(Set.of());
        assertThat(docIds(bm25(f), 100)).hasSize(6).containsOnly("public");
        assertThat(docIds(knn(f, 5), 5)).hasSize(5).containsOnly("public");
    }

    @Test
    void staffSeesPublicAndStaffAndTopKStaysFull() throws Exception {
        SearchFilter f = SearchFilter.visibleTo(Set.of("staff"));
        // BM25: the hr chunks score highest but are filtered before ranking, so 8 of 10 are still returned
        assertThat(docIds(bm25(f), 8)).hasSize(8).containsOnly("public", "staff");
        assertThat(docIds(bm25(f), 100)).hasSize(10);
        // kNN: the nearest 8 vectors are all hr; pre-filtering still fills k with visible chunks
        assertThat(docIds(knn(f, 8), 8)).hasSize(8).containsOnly("public", "staff");
    }

    @Test
    void anyOfTheCallersGroupsGrantsAccess() throws Exception {
        SearchFilter ops = SearchFilter.visibleTo(Set.of("ops"));
        assertThat(docIds(bm25(ops), 100)).containsOnly("public", "hr-ops").hasSize(9);
        assertThat(docIds(knn(ops, 3), 3)).containsOnly("hr-ops");
        SearchFilter hr = SearchFilter.visibleTo(Set.of("hr"));
        assertThat(docIds(bm25(hr), 100)).containsOnly("public", "hr-1", "hr-ops").hasSize(14);
    }

    @Test
    void aclCombinesWithTheOtherFilters() throws Exception {
        SearchFilter f = new SearchFilter(List.of("hr-1", "public"), Map.of(), Set.of("staff"));
        assertThat(docIds(bm25(f), 100)).containsOnly("public");
    }

    @Test
    void documentRecordsAreFilteredToo() throws Exception {
        Query records = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)), Occur.FILTER)
                .add(AclQuery.visibleTo(Set.of("staff")), Occur.FILTER).build();
        assertThat(docIds(records, 100)).containsExactlyInAnyOrder("public", "staff");
        assertThat(AclQuery.visibleTo(null)).isNull();
    }
}
