package dev.jikji.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stored originals of an index built by other models or analysis, to be ingested again; discarded once
 * they all were. Reading it again after a crash is safe: documents already rebuilt come back unchanged.
 */
public interface ReindexSource {

    /** Where the originals are, for logs. */
    String describe();

    /** How many documents there are. */
    int size();

    /** Each document's original ingest request (JSON), in no particular order. */
    void forEachOriginal(Consumer<String> original);

    /**
     * The originals of documents written to the old index at or after {@code since} by processes still serving it
     * (replicas on the earlier configuration, while this one rebuilds): the rebuild catches up with them before it
     * {@link #discard}s. None for an index only this process opens (the embedded one).
     */
    default void forEachOriginalSince(Instant since, Consumer<String> original) {}

    /**
     * The vectors the old index holds for {@code documentId}'s chunks, by {@link #chunkKey}, when it was built by the
     * configured embedding model (the rebuild is for a change of analysis: synonyms, nouns, stop tags), so a chunk
     * whose embedded text is unchanged is not embedded again; empty when the model differs or the vectors cannot be
     * read back (SolrCloud does not store them), and then every chunk is embedded.
     */
    default Map<String, float[]> vectorsOf(String documentId) {
        return Map.of();
    }

    /** What a chunk's vector was made of: its document's title, its heading path and its text. */
    static String chunkKey(String title, List<String> headingPath, String text) {
        return chunkKey(title, String.join(ChunkDocuments.PATH_SEPARATOR, headingPath), text);
    }

    /** As {@link #chunkKey(String, List, String)}, with the heading path as stored (joined). */
    static String chunkKey(String title, String storedHeadingPath, String text) {
        return (title == null ? "" : title) + '\u0000' + storedHeadingPath + '\u0000' + text;
    }

    /**
     * Drops the old index once its documents are rebuilt; for an index other processes read (SolrCloud), first
     * switches them over to the rebuilt one.
     */
    void discard();
}
