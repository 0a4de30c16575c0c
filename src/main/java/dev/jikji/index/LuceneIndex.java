package dev.jikji.index;

import org.apache.lucene.index.IndexReader;
import java.util.Collection;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.jboss.logging.Logger;

/**
 * The Lucene index on disk: one {@link IndexWriter} for all writes, a {@link SearcherManager} for
 * near-real-time reads. A document and its chunks are written as one block keyed by document id, so
 * replacing them is atomic: a searcher sees the old version or the new one, never both or neither.
 * Each commit records the embedding model and analysis that built the index.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(LuceneIndex.class) // the service sees it as a SearchIndex through IndexProducer
public class LuceneIndex implements SearchIndex {

    private static final Logger LOG = Logger.getLogger(LuceneIndex.class);

    private final Path path;
    private final Directory directory;
    private final java.util.function.Supplier<IndexWriterConfig> writerConfig;
    /** The writer and its searchers; replaced together when a failed writer is reopened. */
    private volatile Writer current;
    /** Why the last write failed, until a commit succeeds again; null while writes work. */
    private volatile WriteFailure writeFailure;
    private volatile long lastRecoveryAttempt;
    private final JikjiAnalyzer analyzer;
    private final LuceneRecords records;
    private final LuceneLegs legs;
    private final Map<String, String> commitData;
    /** {@link IndexFields#COMMIT_RULES_CHECKED}: kept from commit to commit, apart from the checked models. */
    private volatile String rulesChecked;
    /** An index built by other models, set aside until its documents are re-ingested; null when none. */
    private final Path reindexSource;

    /** The open writer, its searchers, and how many times a writer was opened before it. */
    private record Writer(IndexWriter writer, SearcherManager searchers, long generation) {}

    @Inject
    public LuceneIndex(JikjiConfig config, EmbeddingModels embeddings, ObjectMapper json, IndexDirectories directories) {
        this(config.data().dir().resolve("index"), JikjiAnalyzer.of(config.search()),
                embeddings.fingerprint(), embeddings.vectorLanguages().fingerprint(), config.index(), json, directories);
    }

    public LuceneIndex(JikjiConfig config, EmbeddingModels embeddings, ObjectMapper json) {
        this(config, embeddings, json, IndexDirectories.FILE_SYSTEM);
    }

    public LuceneIndex(Path path, JikjiAnalyzer analyzer, String embeddingFingerprint, JikjiConfig.Index settings,
            ObjectMapper json) {
        this(path, analyzer, embeddingFingerprint, settings, json, IndexDirectories.FILE_SYSTEM);
    }

    public LuceneIndex(Path path, JikjiAnalyzer analyzer, String embeddingFingerprint, JikjiConfig.Index settings,
            ObjectMapper json, IndexDirectories directories) {
        this(path, analyzer, embeddingFingerprint, null, settings, json, directories);
    }

    /**
     * @param vectorLanguages the languages whose chunks get vectors ({@code VectorLanguages#fingerprint}); null
     *                        records and checks nothing about them
     */
    public LuceneIndex(Path path, JikjiAnalyzer analyzer, String embeddingFingerprint, String vectorLanguages,
            JikjiConfig.Index settings, ObjectMapper json, IndexDirectories directories) {
        this.path = path;
        this.analyzer = analyzer;
        this.records = new LuceneRecords(json);
        this.legs = new LuceneLegs(analyzer, settings.chunkCacheMb());
        Map<String, String> data = new HashMap<>(Map.of(IndexFields.COMMIT_EMBEDDING, embeddingFingerprint,
                IndexFields.COMMIT_ANALYZER, analyzer.fingerprint() + "+" + IndexFields.LAYOUT));
        if (vectorLanguages != null) data.put(IndexFields.COMMIT_VECTOR_LANGUAGES, vectorLanguages);
        this.commitData = Map.copyOf(data);
        Path previous = path.resolveSibling(path.getFileName() + ".previous");
        try {
            Files.createDirectories(path);
            Directory opened = directories.open(path);
            try {
                checkBuiltBySameModels(opened);
            } catch (IndexMismatchException e) {
                opened.close();
                if (settings.onModelMismatch() != JikjiConfig.Index.ModelMismatch.REINDEX) throw e;
                setAside(previous);
                LOG.warnf("%s Rebuilding it from the stored originals (jikji.index.on-model-mismatch=reindex).", e.getMessage());
                opened = directories.open(path);
            }
            this.directory = opened;
            if (DirectoryReader.indexExists(opened)) {
                this.rulesChecked = SegmentInfos.readLatestCommit(opened).getUserData().get(IndexFields.COMMIT_RULES_CHECKED);
            }
            this.reindexSource = Files.isDirectory(previous) ? previous : null;
            Analyzer perField = new PerFieldAnalyzerWrapper(analyzer, Map.of(IndexFields.CONTENTS_BIGRAMS, BIGRAMS));
            this.writerConfig = () -> new IndexWriterConfig(perField)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(codec(settings))
                    .setRAMBufferSizeMB(64);
            IndexWriter writer = openWriter(writerConfig.get());
            writer.setLiveCommitData(commitData().entrySet());
            writer.commit();
            this.current = new Writer(writer, new SearcherManager(writer, new SearcherFactory()), 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the index at " + path.toAbsolutePath(), e);
        }
        LOG.infof("Index at %s: %d documents, %d chunks, %d with vectors (HNSW M=%d, beamWidth=%d, vectors %s, analysis %s)",
                path.toAbsolutePath(), countDocuments(), countChunks(), countEmbeddedChunks(), settings.hnswM(), settings.hnswBeamWidth(),
                settings.vectorQuantization().name().toLowerCase(java.util.Locale.ROOT), analyzer.fingerprint());
    }

    private IndexWriter openWriter(IndexWriterConfig iwc) throws IOException {
        try {
            return new IndexWriter(directory, iwc);
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("The index at " + path.toAbsolutePath()
                    + " is locked by another process (another Jikji server or an offline ingest). Stop it, or point"
                    + " jikji.data.dir elsewhere.", e);
        }
    }

    /**
     * Moves the mismatched index to {@code previous}. When {@code previous} already exists, an earlier
     * rebuild was interrupted and then the models changed again: {@code previous} still holds every
     * original, so the partial rebuild in {@code path} is dropped and the rebuild starts over.
     */
    private void setAside(Path previous) throws IOException {
        if (Files.isDirectory(previous)) {
            deleteRecursively(path);
        } else {
            Files.move(path, previous, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Files.createDirectories(path);
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Override
    public Optional<ReindexSource> reindexSource() {
        // gone once the rebuild discarded it: the index is whole again (readiness UP without a restart)
        return Optional.ofNullable(reindexSource).filter(Files::isDirectory)
                .map(p -> new LuceneReindexSource(p, commitData.get(IndexFields.COMMIT_EMBEDDING)));
    }

    private void checkBuiltBySameModels(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        Map<String, String> previous = SegmentInfos.readLatestCommit(directory).getUserData();
        List<String> mismatches = new ArrayList<>();
        for (var e : commitData.entrySet()) {
            String before = previous.get(e.getKey());
            // an index from before chunks were told apart by language has vectors for every chunk
            if (before == null && e.getKey().equals(IndexFields.COMMIT_VECTOR_LANGUAGES)
                    && previous.containsKey(IndexFields.COMMIT_EMBEDDING)) {
                before = "*";
            }
            if (before != null && !before.equals(e.getValue())) {
                mismatches.add(e.getKey() + ": index has [" + before + "], configured is [" + e.getValue() + "]");
            }
        }
        if (!mismatches.isEmpty()) {
            boolean sameModel = commitData.get(IndexFields.COMMIT_EMBEDDING).equals(previous.get(IndexFields.COMMIT_EMBEDDING));
            throw new IndexMismatchException("The index at " + path.toAbsolutePath()
                    + " was built with other models or analysis than the ones configured; mixing them would"
                    + " silently corrupt search results. " + String.join("; ", mismatches)
                    + ". Set jikji.index.on-model-mismatch=reindex to rebuild it from the stored originals"
                    + (sameModel ? " (same embedding model: the vectors are kept, nothing is embedded again)" : "")
                    + ", re-ingest into an empty jikji.data.dir, or restore the previous configuration.");
        }
    }

    static Lucene104Codec codec(JikjiConfig.Index settings) {
        KnnVectorsFormat hnsw = settings.vectorQuantization() == JikjiConfig.Index.VectorQuantization.INT8
                ? new Lucene104HnswScalarQuantizedVectorsFormat(QuantizedByteVectorValues.ScalarEncoding.UNSIGNED_BYTE,
                        settings.hnswM(), settings.hnswBeamWidth(), 1, null)
                : new Lucene99HnswVectorsFormat(settings.hnswM(), settings.hnswBeamWidth());
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
    }

    /** Character bigrams of CJK text (Latin words whole) for {@link IndexFields#CONTENTS_BIGRAMS}; no stop words. */
    public static final Analyzer BIGRAMS = new CJKAnalyzer(CharArraySet.EMPTY_SET);

    @Override
    public JikjiAnalyzer analyzer() {
        return analyzer;
    }

    public Path path() {
        return path;
    }

    @Override
    public void upsert(IndexedDocument document) {
        replace(document.id(), ChunkDocuments.build(document));
    }

    /** Replaces everything indexed under {@code documentId} by {@code docs}, atomically. */
    public void replace(String documentId, List<Document> docs) {
        try {
            writer().writer().updateDocuments(new Term(IndexFields.DOC_ID, documentId), docs);
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw failed(e);
        }
    }

    @Override
    public void delete(String documentId) {
        try {
            writer().writer().deleteDocuments(new Term(IndexFields.DOC_ID, documentId));
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw failed(e);
        }
    }

    /** The generation of the writer that writes now, reopening a failed one first. */
    @Override
    public long generation() {
        return writer().generation();
    }

    /**
     * Commits (fsync) and refreshes the searchers, failing with {@link IndexWriteException.Cause#WRITER_REOPENED}
     * unless the writer is still {@code generation}.
     */
    @Override
    public void commit(long generation) {
        Writer w = writer();
        if (generation >= 0 && w.generation() != generation) {
            throw new IndexWriteException(IndexWriteException.Cause.WRITER_REOPENED, null);
        }
        try {
            w.writer().setLiveCommitData(commitData().entrySet());
            w.writer().commit();
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw failed(e);
        }
        if (writeFailure != null) LOG.infof("Index writes work again (%s is over)", writeFailure.cause().description());
        writeFailure = null;
        try {
            w.searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> commitData() {
        if (rulesChecked == null) return commitData;
        Map<String, String> all = new HashMap<>(commitData);
        all.put(IndexFields.COMMIT_RULES_CHECKED, rulesChecked);
        return all;
    }

    @Override
    public Optional<String> rulesChecked() {
        return Optional.ofNullable(rulesChecked);
    }

    @Override
    public void markRulesChecked(String rules) {
        rulesChecked = rules;
        commit();
    }

    @Override
    public Optional<WriteFailure> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    /**
     * While writes fail, tries (at most every 5 s) to reopen the writer and commit what it holds, so that
     * readiness comes back once the disk has room again even when no write arrives. True when writes work.
     */
    @Override
    public boolean tryRecover() {
        if (writeFailure == null) return true;
        long now = System.nanoTime();
        if (now - lastRecoveryAttempt < 5_000_000_000L) return false;
        lastRecoveryAttempt = now;
        try {
            commit();
            return true;
        } catch (IndexWriteException e) {
            return false;
        }
    }

    /** The current writer, reopened when a tragic error (disk full, I/O) closed it. */
    private Writer writer() {
        Writer w = current;
        if (w.writer().isOpen()) return w;
        synchronized (this) {
            w = current;
            if (w.writer().isOpen()) return w;
            try {
                IndexWriter reopened = new IndexWriter(directory, writerConfig.get());
                Writer next = new Writer(reopened, new SearcherManager(reopened, new SearcherFactory()), w.generation() + 1);
                current = next;
                try {
                    w.searchers().close();
                } catch (IOException | RuntimeException ignored) {
                    // the old searchers' reader went with the failed writer
                }
                LOG.warnf("Reopened the index writer after a write failure (%s)",
                        w.writer().getTragicException() == null ? "closed" : w.writer().getTragicException().toString());
                return next;
            } catch (IOException | RuntimeException e) {
                throw failed(e);
            }
        }
    }

    /** Records and logs a write failure and says which it is; the client is told the cause, never paths. */
    private IndexWriteException failed(Throwable e) {
        IndexWriteException.Cause cause = diskFull(e) ? IndexWriteException.Cause.DISK_FULL : IndexWriteException.Cause.IO_ERROR;
        if (writeFailure == null || writeFailure.cause() != cause) writeFailure = new WriteFailure(cause, Instant.now());
        LOG.errorf(e, "Index write failed: %s; the writer is rolled back to the last commit and reopened at the next write",
                cause.description());
        // whatever the failure left in the writer (half-flushed segments, buffered changes of this and concurrent
        // requests) is dropped: the requests that wrote it are told so (their commit sees a new generation)
        IndexWriter w = current.writer();
        if (w.isOpen()) {
            try {
                w.rollback();
            } catch (IOException | RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
        }
        return new IndexWriteException(cause, e);
    }

    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("no space left") || m.contains("enospc") || m.contains("disk quota exceeded")
                    || m.contains("not enough space")) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) if (diskFull(s)) return true;
        }
        return false;
    }

    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code fn} on one point-in-time view of the index. */
    public <T> T withSearcher(SearcherFunction<T> fn) {
        IndexSearcher searcher = null;
        SearcherManager searchers = current.searchers();
        try {
            try {
                searcher = searchers.acquire();
            } catch (org.apache.lucene.store.AlreadyClosedException e) {
                searchers = current.searchers(); // replaced by a reopened writer's between the two reads
                searcher = searchers.acquire();
            }
            return fn.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (searcher != null) {
                try {
                    searchers.release(searcher);
                } catch (IOException ignored) {
                    // releasing a reader that is already closed at shutdown
                }
            }
        }
    }

    @Override
    public Map<String, float[]> vectorsOf(String documentId) {
        return withSearcher(s -> ChunkVectors.of(s, documentId));
    }

    @Override
    public Legs retrieve(LegQuery query) {
        return withSearcher(s -> legs.run(s, query));
    }

    /** On the current view of the index. */
    @Override
    public Map<String, Double> idf(Collection<String> terms) {
        return withSearcher(s -> {
            IndexReader reader = s.getIndexReader();
            int n = Math.max(1, reader.getDocCount(IndexFields.CONTENTS));
            Map<String, Double> out = new HashMap<>();
            for (String t : terms) {
                int df = reader.docFreq(new Term(IndexFields.CONTENTS, t));
                out.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
            }
            return out;
        });
    }

    @Override
    public Optional<DocumentRecord> document(String id, java.util.Set<String> groups) {
        return withSearcher(s -> {
            org.apache.lucene.search.BooleanQuery.Builder q = LuceneRecords.partsOf(id, IndexFields.TYPE_DOC);
            org.apache.lucene.search.Query visible = AclQuery.visibleTo(groups);
            if (visible != null) q.add(visible, org.apache.lucene.search.BooleanClause.Occur.FILTER);
            TopDocs top = s.search(q.build(), 1);
            if (top.scoreDocs.length == 0) return Optional.empty();
            return Optional.of(records.toRecord(s.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    @Override
    public Optional<String> original(String id) {
        return withSearcher(s -> {
            TopDocs top = s.search(LuceneRecords.partsOf(id, IndexFields.TYPE_DOC).build(), 1);
            return top.scoreDocs.length == 0 ? Optional.<String>empty()
                    : Optional.ofNullable(s.storedFields().document(top.scoreDocs[0].doc).get(IndexFields.ORIGINAL));
        });
    }

    @Override
    public List<StoredChunk> chunksOf(String id, java.util.Set<String> groups, int limit) {
        return withSearcher(s -> {
            org.apache.lucene.search.BooleanQuery.Builder q = LuceneRecords.partsOf(id, IndexFields.TYPE_CHUNK);
            org.apache.lucene.search.Query visible = AclQuery.visibleTo(groups);
            if (visible != null) q.add(visible, org.apache.lucene.search.BooleanClause.Occur.FILTER);
            TopDocs top = s.search(q.build(), Math.max(1, limit));
            List<StoredChunk> out = new java.util.ArrayList<>();
            for (org.apache.lucene.search.ScoreDoc d : top.scoreDocs) out.add(LuceneRecords.toChunk(s.storedFields().document(d.doc)));
            out.sort(java.util.Comparator.comparingInt(StoredChunk::start));
            return out;
        });
    }

    /** A page of all document records in id order, starting after {@code afterId} (exclusive) when given. */
    public DocumentPage listDocuments(String afterId, int limit) {
        return listDocuments(new DocumentListQuery(null, afterId, limit, null));
    }

    @Override
    public DocumentPage listDocuments(DocumentListQuery query) {
        String prefix = query.prefix();
        String afterId = query.afterId();
        int limit = query.limit();
        java.util.Set<String> groups = query.groups();
        return withSearcher(s -> {
            org.apache.lucene.search.BooleanQuery.Builder q = new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)), org.apache.lucene.search.BooleanClause.Occur.FILTER);
            org.apache.lucene.search.Query visible = AclQuery.visibleTo(groups);
            if (visible != null) q.add(visible, org.apache.lucene.search.BooleanClause.Occur.FILTER);
            if (prefix != null && !prefix.isEmpty()) {
                q.add(new org.apache.lucene.search.PrefixQuery(new Term(IndexFields.DOC_ID, prefix)),
                        org.apache.lucene.search.BooleanClause.Occur.FILTER);
            }
            org.apache.lucene.search.Query matching = q.build();
            if (afterId != null) {
                q.add(org.apache.lucene.search.TermRangeQuery.newStringRange(IndexFields.DOC_ID, afterId, null, false, false),
                        org.apache.lucene.search.BooleanClause.Occur.FILTER);
            }
            org.apache.lucene.search.Sort byId = new org.apache.lucene.search.Sort(
                    new org.apache.lucene.search.SortField(IndexFields.DOC_ID, org.apache.lucene.search.SortField.Type.STRING));
            TopDocs top = s.search(q.build(), limit + 1, byId);
            List<DocumentRecord> page = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, top.scoreDocs.length); i++) {
                page.add(records.toRecord(s.storedFields().document(top.scoreDocs[i].doc)));
            }
            boolean more = top.scoreDocs.length > limit;
            int total = s.count(matching);
            return new DocumentPage(page, more ? page.getLast().id() : null, total);
        });
    }

    /** The record of a stored Lucene document of type {@link IndexFields#TYPE_DOC}. */
    public DocumentRecord toRecord(Document d) {
        return records.toRecord(d);
    }

    @Override
    public int countDocuments() {
        return count(IndexFields.TYPE_DOC);
    }

    @Override
    public int countChunks() {
        return count(IndexFields.TYPE_CHUNK);
    }

    @Override
    public int countEmbeddedChunks() {
        return withSearcher(s -> s.count(new org.apache.lucene.search.FieldExistsQuery(IndexFields.VECTOR)));
    }

    private int count(String type) {
        return withSearcher(s -> s.count(new TermQuery(new Term(IndexFields.TYPE, type))));
    }

    @PreDestroy
    @Override
    public void close() {
        try {
            Writer w = current;
            w.searchers().close();
            // commit explicitly (commitOnClose would too): whatever was written before shutdown is durable
            if (w.writer().isOpen()) w.writer().commit();
            w.writer().close();
            directory.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the index failed", e);
        }
    }
}
