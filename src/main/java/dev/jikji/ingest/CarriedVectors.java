package dev.jikji.ingest;

import dev.jikji.index.ReindexSource;
import dev.jikji.index.SearchIndex;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Vectors already made by the configured embedding model for chunks whose embedded text is unchanged, taken
 * instead of embedding them again: the index's own for an update (a long document edited in one place embeds
 * only the chunks that changed), the old index's for a rebuild after a change of analysis only. Counts what it
 * saved and what still had to be embedded, for the rebuild's log line and the ingest metrics.
 */
final class CarriedVectors {

    private final Function<String, Map<String, float[]>> source;
    private final AtomicLong carried = new AtomicLong();
    private final AtomicLong embedded = new AtomicLong();

    private CarriedVectors(Function<String, Map<String, float[]>> source) {
        this.source = source;
    }

    /** For an update: the vectors the index holds now (it is always of the configured model). */
    static CarriedVectors from(SearchIndex index) {
        return new CarriedVectors(index::vectorsOf);
    }

    /** For a rebuild: the old index's, when the configured model built it (else none). */
    static CarriedVectors from(ReindexSource previous) {
        return new CarriedVectors(previous::vectorsOf);
    }

    /** The vectors of {@code documentId}'s chunks, by {@link ReindexSource#chunkKey}; empty when none apply. */
    Map<String, float[]> of(String documentId) {
        return source.apply(documentId);
    }

    void count(int carriedOver, int embeddedAgain) {
        carried.addAndGet(carriedOver);
        embedded.addAndGet(embeddedAgain);
    }

    long carried() {
        return carried.get();
    }

    long embedded() {
        return embedded.get();
    }
}
