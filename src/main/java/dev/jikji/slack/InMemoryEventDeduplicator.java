package dev.jikji.slack;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link EventDeduplicator} in this process's memory: event ids are remembered for two hours (Slack's retries span
 * about one), at most 20,000 of them, so a restart or a flood forgets rather than grows. Per process: with several
 * replicas a retry that reaches another pod is answered again, unless a shared store replaces this default bean.
 */
@DefaultBean
@ApplicationScoped
public class InMemoryEventDeduplicator implements EventDeduplicator {

    private final BoundedExpiringMap<Boolean> seen;
    private final Clock clock;

    public InMemoryEventDeduplicator() {
        this(20_000, Duration.ofHours(2), Clock.systemUTC());
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
