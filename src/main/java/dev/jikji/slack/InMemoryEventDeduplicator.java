package dev.jikji.slack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link EventDeduplicator} in this process's memory: event ids are remembered for two hours (Slack's retries span
 * about one), at most 20,000 of them, so a restart or a flood forgets rather than grows. Per process: with several
 * replicas a retry that reaches another pod is answered again, so on an index several replicas share
 * ({@code jikji.index.kind=solrcloud}) {@link SlackStores} claims event ids in the index's store instead.
 */
@ApplicationScoped
@Typed(InMemoryEventDeduplicator.class) // offered as EventDeduplicator by SlackStores, when the index shares no store
public class InMemoryEventDeduplicator implements EventDeduplicator {

    private final BoundedExpiringMap<Boolean> seen;
    private final Clock clock;

    public InMemoryEventDeduplicator() {
        this(20_000, SlackStores.EVENT_TTL, Clock.systemUTC());
    }

    InMemoryEventDeduplicator(int capacity, Duration ttl, Clock clock) {
        this.seen = new BoundedExpiringMap<>(capacity, ttl);
        this.clock = clock;
    }

    @Override
    public boolean firstDelivery(String eventId) {
        return seen.putIfAbsent(eventId, Boolean.TRUE, clock.instant());
    }

    int remembered() {
        return seen.size();
    }
}
