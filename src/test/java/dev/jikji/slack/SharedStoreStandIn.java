package dev.jikji.slack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a store shared by replicas (the real one is the SolrCloud claims collection, proven across processes
 * by SolrReplicasIT): static maps with an atomic create-if-absent, which the test fills as another replica's claims
 * would. Not expiring, not shared across processes; it only shows that a bean of the two interfaces replaces the
 * defaults {@link SlackStores} produces. Enabled only by {@link SharedStoreSeamTest}'s profile.
 */
@Alternative
@ApplicationScoped
public class SharedStoreStandIn implements EventDeduplicator, ReplayGuard {

    static final Map<String, Boolean> EVENTS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> SIGNATURES = new ConcurrentHashMap<>();

    @Override
    public boolean firstDelivery(String eventId) {
        return EVENTS.putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    @Override
    public boolean firstUse(String key, Instant now) {
        return SIGNATURES.putIfAbsent(key, Boolean.TRUE) == null;
    }
}
