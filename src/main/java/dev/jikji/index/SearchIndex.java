package dev.jikji.index;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the service needs of an index, whatever holds it: the embedded Lucene index ({@link LuceneIndex}) or
 * a SolrCloud collection ({@code index.solr}). Writes are acknowledged by {@link #commit(long)}; a document and
 * its chunks are one unit, so no search ever sees old and new chunks together, nor neither.
 */
public interface SearchIndex {

    /** The analysis of the BM25 fields, for the callers that turn text into the index's terms. */
    JikjiAnalyzer analyzer();

    /** Replaces everything indexed under the document's id by it and its chunks, atomically. */
    void upsert(IndexedDocument document);

    void delete(String documentId);

    /**
     * The generation of the writer that writes now. A request notes it before writing and commits with
     * {@link #commit(long)}, so that writes lost with a failed writer are never acknowledged by its successor.
     */
    long generation();

    /** Makes writes durable and visible to new searches; fails unless the writer is still {@code generation} (-1: any). */
    void commit(long generation);

    default void commit() {
        commit(-1);
    }

    /**
     * The vectors this index holds for {@code documentId}'s chunks, by {@link ReindexSource#chunkKey}: an update
     * takes them for the chunks whose embedded text it did not change instead of embedding those again (the index
     * is always of the configured embedding model). Empty when there are none or they cannot be read back
     * (SolrCloud does not store them), and then every chunk is embedded.
     */
    default Map<String, float[]> vectorsOf(String documentId) {
        return Map.of();
    }

    /**
     * The stored original of {@code id} (its ingest request as JSON), to make it again under newer parsing or chunking
     * rules at start-up. Empty when there is none or the index is also written by other processes (SolrCloud: a replica
     * of an earlier release would write its rules back), and then a document takes new rules when it is sent again.
     */
    default Optional<String> original(String id) {
        return Optional.empty();
    }

    /**
     * The ingest rules (a fingerprint) every stored document was last checked against and, where needed, made again
     * under ({@link #original}); empty if never, or where {@link #original} is not offered.
     */
    default Optional<String> rulesChecked() {
        return Optional.empty();
    }

    /** Records {@link #rulesChecked} durably (with a commit). */
    default void markRulesChecked(String rules) {}

    /** The record of {@code id} when a caller with {@code groups} may see it ({@code null}: any caller). */
    Optional<DocumentRecord> document(String id, Set<String> groups);

    default Optional<DocumentRecord> document(String id) {
        return document(id, null);
    }

    /** The chunks of {@code id} in document order, when a caller with {@code groups} may see it; at most {@code limit}. */
    List<StoredChunk> chunksOf(String id, Set<String> groups, int limit);

    DocumentPage listDocuments(DocumentListQuery query);

    /** Runs the legs {@code query} asks for, each under its filter. */
    Legs retrieve(LegQuery query);

    /**
     * BM25-style IDF of analysed terms over the chunks' contents field:
     * {@code log(1 + (N - df + 0.5) / (df + 0.5))} with N the chunks that have contents.
     */
    Map<String, Double> idf(Collection<String> terms);

    int countDocuments();

    int countChunks();

    /** Chunks with a vector: those the vector leg can return. */
    int countEmbeddedChunks();

    /** Why writes fail now, for readiness; empty while they work. */
    Optional<WriteFailure> writeFailure();

    /** While writes fail, tries (now and then) to make them work again; true when they work. */
    boolean tryRecover();

    /** An index built by other models whose documents still have to be re-ingested, if any. */
    Optional<ReindexSource> reindexSource();

    /**
     * The claims store shared by every process on this index, when several may serve it (SolrCloud); empty for an
     * index only one process opens (the embedded one), whose callers keep their once-only memory in the process.
     */
    default Optional<ClaimStore> claims() {
        return Optional.empty();
    }

    /** Closes what the index holds open (the service's container calls it at shutdown). */
    void close();
}
