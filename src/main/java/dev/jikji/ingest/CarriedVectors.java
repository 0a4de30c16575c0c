package dev.jikji.ingest;

import dev.jikji.index.ReindexSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * During a rebuild for a change of analysis only (same embedding model), the old index's vectors of chunks whose
 * embedded text is unchanged: taken instead of embedding them again, which is nearly all of a rebuild's time on
 * English text. Counts what it saved and what still had to be embedded, for the rebuild's log line.
 */
final class CarriedVectors {

    /** Nothing to carry: an ordinary ingest. */
    static final CarriedVectors NONE = new CarriedVectors(null);

    private final ReindexSource previous;
    private final AtomicLong carried = new AtomicLong();
    private final AtomicLong embedded = new AtomicLong();

    CarriedVectors(ReindexSource previous) {
        this.previous = previous;
    }

    /** The old vectors of {@code documentId}'s chunks, by {@link ReindexSource#chunkKey}; empty when none apply. */
    Map<String, float[]> of(String documentId) {
        return previous == null ? Map.of() : previous.vectorsOf(documentId);
    }

    void count(int carriedOver, int embeddedAgain) {
        if (previous == null) return; // an ordinary ingest: NONE is shared and counts nothing
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
