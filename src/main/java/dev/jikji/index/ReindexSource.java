package dev.jikji.index;

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

    /** Drops the old index once its documents are rebuilt. */
    void discard();
}
