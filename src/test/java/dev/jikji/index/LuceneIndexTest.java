package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.ingest.Chunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LuceneIndexTest {

    private static final int DIM = 4;

    /** The index settings the service would read from jikji.index.*. */
    static final JikjiConfig.Index SETTINGS = new JikjiConfig.Index() {
        @Override
        public Kind kind() {
            return Kind.EMBEDDED;
        }

        @Override
        public Solr solr() {
            throw new UnsupportedOperationException("embedded");
        }

        @Override
        public int hnswM() {
            return 8;
        }

        @Override
        public int hnswBeamWidth() {
            return 32;
        }

        @Override
        public ModelMismatch onModelMismatch() {
            return ModelMismatch.REFUSE;
        }

        @Override
        public VectorQuantization vectorQuantization() {
            return VectorQuantization.NONE;
        }


        @Override

        public int termCacheMb() {

            return 0;

        }

        @Override
        public int chunkCacheMb() {
            return 8;
        }
    };

    /*
     * FSDirectory in a fresh folder, on tmpfs where there is one: every commit fsyncs, and the
     * concurrency test commits a few hundred times.
     */
    private Path dir;

    private final List<LuceneIndex> opened = new ArrayList<>();

    @BeforeEach
    void createDir() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "jikji-index-test")
                : Files.createTempDirectory("jikji-index-test");
    }

    @AfterEach
    void closeAll() throws IOException {
        Collections.reverse(opened);
        opened.forEach(LuceneIndex::close);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private LuceneIndex open(String model) {
        return open(model, JikjiAnalyzer.of("discard"));
    }

    private LuceneIndex open(String model, JikjiAnalyzer analyzer) {
        LuceneIndex index = new LuceneIndex(dir.resolve("index"), analyzer, model, SETTINGS, new ObjectMapper());
        opened.add(index);
        return index;
    }

    private static List<Document> docs(String id, int chunks) {
        return docs(id, "제목 " + id, chunks, Map.of(), List.of());
    }

    private static List<Document> docs(String id, String title, int chunks, Map<String, String> metadata, List<String> acl) {
        List<Chunk> list = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            list.add(new Chunk(i, List.of("상위", "하위 " + i), id + " 청크 " + i + " 본문이다.", i * 10, i * 10 + 9, 5));
            float[] v = new float[DIM];
            v[i % DIM] = 1;
            v[(i + 1) % DIM] = 0.5f;
            vectors.add(v);
        }
        DocumentRecord record = new DocumentRecord(id, title, "src/" + id, "text/markdown", metadata, acl,
                "hash-" + id + "-" + chunks, Instant.ofEpochMilli(1_700_000_000_000L), chunks);
        return ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(record, "{}", "원문 " + id, list, vectors));
    }

    /** One document of one chunk holding {@code text}, with no vector (a Korean chunk as the English embedder leaves it). */
    static List<Document> oneChunk(String id, String title, String text) {
        DocumentRecord record = new DocumentRecord(id, title, "src/" + id, "text/markdown", Map.of(), List.of(),
                "hash-" + id, Instant.ofEpochMilli(1_700_000_000_000L), 1);
        List<float[]> vectors = new ArrayList<>();
        vectors.add(null);
        return ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(record, "{}", text,
                List.of(new Chunk(0, List.of(), text, 0, text.length(), text.length())), vectors));
    }

    /** The documents the BM25 leg returns for {@code question} over one-chunk documents (id, title, text), in a fresh index. */
    static List<String> bm25(Path path, JikjiAnalyzer analyzer, String question, String[]... documents) {
        LuceneIndex index = new LuceneIndex(path, analyzer, "model-A", SETTINGS, new ObjectMapper());
        try {
            for (String[] d : documents) index.replace(d[0], oneChunk(d[0], d[1], d[2]));
            index.commit();
            LegQuery q = new LegQuery(question, null, 10, IndexFilter.NONE, Set.of(LegQuery.Leg.BM25),
                    new LegQuery.Settings(0, 0, 0, 0, 0, 0));
            return index.retrieve(q).bm25().stream().map(StoredChunk::documentId).toList();
        } finally {
            index.close();
        }
    }

    private static Query chunksOf(String id) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.DOC_ID, id)), Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_CHUNK)), Occur.FILTER)
                .build();
    }

    private static Query recordOf(String id) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.DOC_ID, id)), Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)), Occur.FILTER)
                .build();
    }

    @Test
    void cachedChunksNeverOutliveAReplaceAndTwoLegsShareOneRead() {
        LuceneIndex index = open("model-A");
        index.replace("a", docs("a", "옛 제목", 2, Map.of(), List.of()));
        index.commit();
        LegQuery q = new LegQuery("a 청크 본문", null, 10, IndexFilter.NONE, Set.of(LegQuery.Leg.BM25, LegQuery.Leg.BIGRAM),
                new LegQuery.Settings(0, 0, 0, 0, 0, 0));
        Legs before = index.retrieve(q);
        assertThat(before.bm25()).isNotEmpty().allSatisfy(c -> assertThat(c.title()).isEqualTo("옛 제목"));
        // the same chunk from both legs is one read (and one cache entry), not two
        StoredChunk first = before.bm25().get(0);
        assertThat(before.bigrams()).anySatisfy(c -> assertThat(c).isSameAs(first));

        index.replace("a", docs("a", "새 제목", 2, Map.of(), List.of()));
        index.commit();
        Legs after = index.retrieve(q);
        assertThat(after.bm25()).hasSize(2).allSatisfy(c -> assertThat(c.title()).isEqualTo("새 제목"));
        assertThat(after.bigrams()).isNotEmpty().allSatisfy(c -> assertThat(c.title()).isEqualTo("새 제목"));
    }

    @Test
    void replaceIsAtomicForConcurrentSearchers() throws Exception {
        LuceneIndex index = open("model-A");
        index.replace("doc-1", docs("doc-1", 3));
        index.replace("other", docs("other", 2));
        index.commit();

        int replacements = 100;
        int readers = 3;
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(readers);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            futures.add(pool.submit(() -> {
                started.countDown();
                while (!done.get()) {
                    index.withSearcher(s -> {
                        int chunks = s.count(chunksOf("doc-1"));
                        TopDocs record = s.search(recordOf("doc-1"), 10);
                        int others = s.count(chunksOf("other"));
                        String state = chunks + " chunks, " + record.totalHits.value() + " records";
                        seen.add(String.valueOf(chunks));
                        if (chunks != 3 && chunks != 5) violations.add(state);
                        if (record.totalHits.value() != 1) violations.add(state);
                        else {
                            int declared = s.storedFields().document(record.scoreDocs[0].doc)
                                    .getField(IndexFields.CHUNK_COUNT).numericValue().intValue();
                            if (declared != chunks) violations.add(state + " but the record says " + declared);
                        }
                        if (others != 2) violations.add("other document has " + others + " chunks");
                        return null;
                    });
                    reads.incrementAndGet();
                }
            }));
        }
        // commits of other ingests land at any moment, also in the middle of a replace; each one
        // refreshes the searchers, which would expose a replace done as a delete and a separate add
        ExecutorService committer = Executors.newSingleThreadExecutor();
        Future<?> otherCommits = committer.submit(() -> {
            while (!done.get()) index.commit();
        });
        committer.shutdown();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            for (int i = 0; i < replacements; i++) {
                index.replace("doc-1", docs("doc-1", i % 2 == 0 ? 5 : 3));
                index.commit();
                // let the readers look at every version before the next one
                long before = reads.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (reads.get() < before + readers && System.nanoTime() < deadline) Thread.yield();
            }
        } finally {
            done.set(true);
            pool.shutdown();
        }
        for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
        otherCommits.get(30, TimeUnit.SECONDS);
        assertThat(violations).isEmpty();
        assertThat(seen).containsExactlyInAnyOrder("3", "5");
        assertThat(reads.get()).isGreaterThan(replacements);
        assertThat(index.countDocuments()).isEqualTo(2);
        assertThat(index.countChunks()).isEqualTo(3 + 2);
    }

    @Test
    void reopeningWithAnotherEmbeddingModelIsRefusedNamingBothModels() {
        LuceneIndex first = open("intfloat/e5-small-v2|dim=384");
        first.replace("a", docs("a", 2));
        first.commit();
        first.close();
        opened.remove(first);

        assertThatThrownBy(() -> open("BAAI/bge-m3|dim=1024"))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining("intfloat/e5-small-v2|dim=384")
                .hasMessageContaining("BAAI/bge-m3|dim=1024")
                .hasMessageNotContaining("the vectors are kept");

        // the same model opens it again, with the data intact
        LuceneIndex again = open("intfloat/e5-small-v2|dim=384");
        assertThat(again.countDocuments()).isEqualTo(1);
        assertThat(again.countChunks()).isEqualTo(2);
    }

    @Test
    void closeCommitsWhatWasWrittenSoAShutdownLosesNothing() {
        LuceneIndex first = open("model-A");
        first.replace("a", docs("a", 2));
        first.close(); // no commit before: close (the @PreDestroy of a graceful shutdown) must commit
        opened.remove(first);
        LuceneIndex again = open("model-A");
        assertThat(again.countDocuments()).isEqualTo(1);
        assertThat(again.countChunks()).isEqualTo(2);
    }

    @Test
    void reopeningWithAnotherAnalysisIsRefused() {
        LuceneIndex first = open("model-A", JikjiAnalyzer.of("discard"));
        first.commit();
        first.close();
        opened.remove(first);
        JikjiAnalyzer mixed = JikjiAnalyzer.of("mixed");
        assertThatThrownBy(() -> open("model-A", mixed))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining(JikjiAnalyzer.of("discard").fingerprint())
                .hasMessageContaining(mixed.fingerprint())
                // the same model: the rebuild it suggests is a cheap one, and says so
                .hasMessageContaining("the vectors are kept");
    }

    @Test
    void listDocumentsPagesThroughAllRecordsInIdOrderWithoutRepeats() {
        LuceneIndex index = open("model-A");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) ids.add(String.format("doc-%02d", (i * 7) % 23));
        ids.addAll(List.of("가이드", "A-upper", "z-last", "문서-1", "doc-05a"));
        for (int i = 0; i < ids.size(); i++) index.replace(ids.get(i), docs(ids.get(i), 1 + i % 3));
        index.commit();

        List<String> listed = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            dev.jikji.index.DocumentPage page = index.listDocuments(after, 4);
            assertThat(page.total()).isEqualTo(ids.size());
            assertThat(page.documents()).hasSizeLessThanOrEqualTo(4);
            page.documents().forEach(d -> listed.add(d.id()));
            after = page.nextAfter();
            if (after != null) assertThat(after).isEqualTo(page.documents().getLast().id());
            assertThat(++pages).isLessThan(100);
        } while (after != null);

        List<String> expected = new ArrayList<>(ids);
        Collections.sort(expected); // UTF-16 order equals Lucene's UTF-8 byte order for these ids
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(listed)).hasSameSizeAs(listed);
        assertThat(pages).isEqualTo((ids.size() + 3) / 4);
    }

    @Test
    void lastPageThatIsExactlyFullHasNoNextCursor() {
        LuceneIndex index = open("model-A");
        for (String id : List.of("a", "b", "c", "d")) index.replace(id, docs(id, 1));
        index.commit();
        dev.jikji.index.DocumentPage first = index.listDocuments(null, 2);
        assertThat(first.documents()).extracting(DocumentRecord::id).containsExactly("a", "b");
        assertThat(first.nextAfter()).isEqualTo("b");
        dev.jikji.index.DocumentPage second = index.listDocuments(first.nextAfter(), 2);
        assertThat(second.documents()).extracting(DocumentRecord::id).containsExactly("c", "d");
        assertThat(second.nextAfter()).isNull();
        assertThat(index.listDocuments("d", 2).documents()).isEmpty();
    }

    @Test
    void deleteRemovesChunksAndRecordOnly() {
        LuceneIndex index = open("model-A");
        index.replace("keep", docs("keep", 2));
        index.replace("drop", docs("drop", 4));
        // an id that is a prefix of another must not take the other with it
        index.replace("dro", docs("dro", 1));
        index.commit();
        assertThat(index.countChunks()).isEqualTo(7);

        index.delete("drop");
        index.commit();
        assertThat(index.document("drop")).isEmpty();
        int dropChunks = index.withSearcher(s -> s.count(chunksOf("drop")));
        int anyDrop = index.withSearcher(s -> s.count(new TermQuery(new Term(IndexFields.DOC_ID, "drop"))));
        assertThat(dropChunks).isZero();
        assertThat(anyDrop).isZero();
        assertThat(index.document("keep")).isPresent();
        assertThat(index.document("dro")).isPresent();
        assertThat(index.countDocuments()).isEqualTo(2);
        assertThat(index.countChunks()).isEqualTo(3);
    }

    @Test
    void writesAreInvisibleUntilCommitAndDurableAfterIt() {
        LuceneIndex index = open("model-A");
        index.replace("a", docs("a", 2));
        assertThat(index.countDocuments()).isZero();
        index.commit();
        assertThat(index.countDocuments()).isEqualTo(1);
        index.close();
        opened.remove(index);
        assertThat(open("model-A").document("a")).isPresent();
    }

    @Test
    void recordAndChunksReadBackAsWritten() {
        LuceneIndex index = open("model-A");
        index.replace("hr-001", docs("hr-001", "휴가 규정", 2, Map.of("team", "hr"), List.of("all-staff", "hr")));
        index.commit();
        DocumentRecord record = index.document("hr-001").orElseThrow();
        assertThat(record.title()).isEqualTo("휴가 규정");
        assertThat(record.source()).isEqualTo("src/hr-001");
        assertThat(record.contentType()).isEqualTo("text/markdown");
        assertThat(record.acl()).containsExactly("all-staff", "hr");
        assertThat(record.hash()).isEqualTo("hash-hr-001-2");
        assertThat(record.chunks()).isEqualTo(2);
        assertThat(record.ingestedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        String original = index.withSearcher(s -> {
            TopDocs top = s.search(recordOf("hr-001"), 1);
            return s.storedFields().document(top.scoreDocs[0].doc).get(IndexFields.ORIGINAL);
        });
        assertThat(original).isEqualTo("원문 hr-001");

        List<StoredChunk> chunks = index.withSearcher(s -> {
            List<StoredChunk> out = new ArrayList<>();
            IndexSearcher searcher = s;
            for (var sd : searcher.search(chunksOf("hr-001"), 10).scoreDocs) {
                out.add(dev.jikji.index.LuceneRecords.toChunk(searcher.storedFields().document(sd.doc)));
            }
            return out;
        });
        assertThat(chunks).extracting(StoredChunk::chunkId).containsExactlyInAnyOrder("hr-001#0", "hr-001#1");
        StoredChunk c1 = chunks.stream().filter(c -> c.chunkId().equals("hr-001#1")).findFirst().orElseThrow();
        assertThat(c1.headingPath()).containsExactly("상위", "하위 1");
        assertThat(c1.text()).isEqualTo("hr-001 청크 1 본문이다.");
        assertThat(c1.start()).isEqualTo(10);
        assertThat(c1.end()).isEqualTo(19);
        assertThat(c1.title()).isEqualTo("휴가 규정");
    }
}
