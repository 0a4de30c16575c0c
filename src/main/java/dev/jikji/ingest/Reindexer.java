package dev.jikji.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.index.ReindexSource;
import dev.jikji.index.SearchIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Rebuilds the index from an index built by other models or analysis (its {@link ReindexSource}, e.g. the embedded
 * index set aside as {@code index.previous}): every document's stored original goes through the ingest pipeline
 * again, then the old index is discarded. When only the analysis changed, the old vectors of unchanged chunks are
 * taken over ({@link CarriedVectors}) instead of embedding every chunk again. Re-running after a crash is safe: documents already rebuilt are unchanged. When
 * other processes still write the old index (SolrCloud replicas on the earlier configuration), what they wrote
 * during the rebuild is re-ingested too before the switch.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final int BATCH = 32;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int CATCH_UP_ROUNDS = 3;

    void onStart(@Observes @Priority(1) StartupEvent event, SearchIndex index, IngestService ingest, ObjectMapper json) {
        index.reindexSource().ifPresent(previous -> rebuild(previous, ingest, json));
    }

    /** What a rebuild did: documents re-ingested and failed, chunk vectors carried over and chunks embedded. */
    record Rebuilt(int reingested, int failed, long carried, long embedded) {}

    static Rebuilt rebuild(ReindexSource previous, IngestService ingest, ObjectMapper json) {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        int total = previous.size();
        int[] done = {0, 0}; // re-ingested, failed
        LOG.infof("Re-ingesting %d documents from %s with the configured models", total, previous.describe());
        CarriedVectors carried = CarriedVectors.from(previous);
        pass(previous, ingest, json, total, done, carried, previous::forEachOriginal);
        // writes other replicas made to the old index meanwhile (with their clocks: a margin for skew); a round
        // that finds none ends it, and what comes after the last one is on the old index only
        Instant since = started.minus(CLOCK_SKEW);
        for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
            Instant next = Instant.now().minus(CLOCK_SKEW);
            Instant from = since;
            int before = done[0] + done[1];
            pass(previous, ingest, json, total, done, carried, each -> previous.forEachOriginalSince(from, each));
            if (done[0] + done[1] == before) break;
            since = next;
        }
        try {
            previous.discard();
        } catch (RuntimeException e) {
            LOG.warnf("Rebuild done but %s could not be discarded: %s", previous.describe(), e.getMessage());
        }
        LOG.infof("Index rebuilt: %d documents re-ingested, %d failed, in %d ms; %d chunk vectors carried over from"
                + " the same embedding model, %d chunks embedded", done[0], done[1], (System.nanoTime() - t0) / 1_000_000,
                carried.carried(), carried.embedded());
        return new Rebuilt(done[0], done[1], carried.carried(), carried.embedded());
    }

    private static void pass(ReindexSource previous, IngestService ingest, ObjectMapper json, int total, int[] done,
            CarriedVectors carried, Consumer<Consumer<String>> originals) {
        List<DocumentInput> batch = new ArrayList<>(BATCH);
        Runnable flush = () -> {
            for (IngestResult r : ingest.reingestAll(batch, carried)) {
                if (r.status() == IngestResult.Status.FAILED) {
                    done[1]++;
                    LOG.warnf("Re-ingesting %s failed: %s", r.id(), r.error().detail());
                } else {
                    done[0]++;
                }
            }
            batch.clear();
            LOG.infof("Re-ingested %d of %d documents", done[0] + done[1], total);
        };
        originals.accept(original -> {
            try {
                batch.add(json.readValue(original, DocumentInput.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored original in " + previous.describe() + " is not readable", e);
            }
            if (batch.size() == BATCH) flush.run();
        });
        if (!batch.isEmpty()) flush.run();
    }
}
