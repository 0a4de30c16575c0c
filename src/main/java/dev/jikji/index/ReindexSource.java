package dev.jikji.index;

import java.time.Instant;
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
     * Drops the old index once its documents are rebuilt; for an index other processes read (SolrCloud), first
     * switches them over to the rebuilt one.
     */
    void discard();
}
