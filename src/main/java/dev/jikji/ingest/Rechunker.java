package dev.jikji.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.index.DocumentListQuery;
import dev.jikji.index.DocumentPage;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.SearchIndex;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * After an upgrade that changed what the parsers or the chunker make of a document ({@link IngestService#RULES}), or a
 * change of {@code jikji.chunking.*}, re-ingests the stored documents so made from their stored originals, in the
 * background (search serves the old chunks meanwhile, and ingest steps yield to searches), so nobody has to send the
 * corpus again. Unchanged chunks keep their vectors; a document written or deleted meanwhile is left as it is now.
 * Embedded index only ({@link SearchIndex#original}).
 */
@ApplicationScoped
public class Rechunker {

    private static final Logger LOG = Logger.getLogger(Rechunker.class);
    private static final int PAGE = 64;

    /** What one pass did. */
    public record Refreshed(int checked, int refreshed, int failed, int skipped) {}

    private volatile boolean stopping;
    private volatile Refreshed last;
    private Thread worker;

    // after the Reindexer (1) and the CorpusSeeder (10): it reads what they wrote
    void onStart(@Observes @Priority(30) StartupEvent event, JikjiConfig config, SearchIndex index, IngestService ingest,
            ObjectMapper json) {
        if (!config.ingest().refreshOnStart()) return;
        worker = Thread.ofPlatform().name("jikji-rechunk").daemon().start(() -> {
            try {
                run(index, ingest, json);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Re-chunking stored documents stopped; those not reached keep their chunks until sent again");
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (worker != null) worker.join(10_000);
    }

    /** What the start-up pass did, once it is over. */
    public Optional<Refreshed> lastPass() {
        return Optional.ofNullable(last);
    }

    /** One pass over every stored document. */
    Refreshed run(SearchIndex index, IngestService ingest, ObjectMapper json) {
        last = pass(index, ingest, json);
        return last;
    }

    private Refreshed pass(SearchIndex index, IngestService ingest, ObjectMapper json) {
        long t0 = System.nanoTime();
        int checked = 0, refreshed = 0, failed = 0, skipped = 0;
        String rules = ingest.rules();
        // every document was checked under these rules and written under them since: nothing to read at each start
        if (index.rulesChecked().filter(rules::equals).isPresent()) return new Refreshed(0, 0, 0, 0);
        String after = null;
        do {
            DocumentPage page = index.listDocuments(new DocumentListQuery(null, after, PAGE, null));
            List<DocumentInput> stale = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (DocumentRecord r : page.documents()) {
                Optional<String> original = index.original(r.id());
                if (original.isEmpty()) return new Refreshed(checked, refreshed, failed, skipped); // not this index's to do
                checked++;
                DocumentInput doc;
                try {
                    doc = json.readValue(original.get(), DocumentInput.class);
                } catch (JsonProcessingException e) {
                    skipped++;
                    LOG.warnf("The stored original of %s is not readable: %s", r.id(), e.getOriginalMessage());
                    continue;
                }
                if (ingest.isStale(doc, r.hash())) {
                    stale.add(doc);
                    hashes.add(r.hash());
                }
            }
            if (!stale.isEmpty()) {
                for (IngestResult result : ingest.refresh(stale, hashes)) {
                    switch (result.status()) {
                        case UPDATED -> refreshed++;
                        case FAILED -> {
                            failed++;
                            LOG.warnf("Re-chunking %s failed: %s", result.id(), result.error().detail());
                        }
                        default -> skipped++; // written or deleted meanwhile, or made the same after all
                    }
                }
            }
            after = page.nextAfter();
        } while (after != null && !stopping);
        // a document that failed fails again under the same rules: it is not tried at every start
        if (!stopping) index.markRulesChecked(rules);
        if (refreshed + failed == 0 && !stopping) {
            if (checked > 0) LOG.infof("Checked %d stored documents against this release's parsing and chunking rules in %d ms:"
                    + " none to re-chunk", checked, (System.nanoTime() - t0) / 1_000_000);
        } else {
            LOG.infof("Re-chunked %d of %d stored documents made under earlier parsing or chunking rules (%d failed, %d"
                    + " left as they were) in %d ms%s", refreshed, checked, failed, skipped, (System.nanoTime() - t0) / 1_000_000,
                    stopping ? "; stopped by shutdown, the rest follows at the next start" : "");
        }
        return new Refreshed(checked, refreshed, failed, skipped);
    }
}
