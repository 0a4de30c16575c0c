package dev.jikji.slack;

import dev.jikji.config.JikjiConfig;
import dev.jikji.index.ClaimStore;
import dev.jikji.index.SearchIndex;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where the Slack once-only memory lives, as {@code jikji.index.kind} decides: an index that several replicas share
 * (SolrCloud) offers a {@link ClaimStore}, and event ids and signed requests are claimed there, so a retry or a replay
 * that reaches another pod is recognised; the embedded index (one process) leaves them in this process's memory.
 * Both beans are defaults: any other bean of the interface replaces them (see {@code SharedStoreSeamTest}).
 */
@ApplicationScoped
public class SlackStores {

    private static final Logger LOG = Logger.getLogger(SlackStores.class);

    /** As {@link InMemoryEventDeduplicator}: Slack's retries span about an hour. */
    static final Duration EVENT_TTL = Duration.ofHours(2);

    @Produces
    @ApplicationScoped
    @DefaultBean
    EventDeduplicator deduplicator(SearchIndex index, Instance<InMemoryEventDeduplicator> memory) {
        Optional<ClaimStore> shared = index.claims();
        if (shared.isEmpty()) return memory.get();
        LOG.info("Slack event ids are claimed in the index's shared store: a retry is answered once across replicas");
        return new ClaimedEventDeduplicator(shared.get(), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    ReplayGuard replayGuard(SearchIndex index, JikjiConfig config, Instance<InMemoryReplayGuard> memory) {
        Optional<ClaimStore> shared = index.claims();
        if (shared.isEmpty()) return memory.get();
        return new ClaimedReplayGuard(shared.get(), InMemoryReplayGuard.ttl(config));
    }

    /** Event ids in a {@link ClaimStore}, namespaced apart from signatures. */
    record ClaimedEventDeduplicator(ClaimStore store, Clock clock) implements EventDeduplicator {
        @Override
        public boolean firstDelivery(String eventId) {
            return store.claim("slack-event:" + eventId, clock.instant(), EVENT_TTL);
        }
    }

    /** Signed requests in a {@link ClaimStore}, for as long as {@link InMemoryReplayGuard} keeps them. */
    record ClaimedReplayGuard(ClaimStore store, Duration ttl) implements ReplayGuard {
        @Override
        public boolean firstUse(String key, Instant now) {
            return store.claim("slack-request:" + key, now, ttl);
        }
    }
}
