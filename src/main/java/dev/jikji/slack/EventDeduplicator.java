package dev.jikji.slack;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * Slack re-sends an event it thinks was not acknowledged in time (up to three retries over about an hour,
 * {@code X-Slack-Retry-Num}); each must be answered once. Remembers event ids for two hours, at most
 * 20,000 of them, so a restart or a flood forgets rather than grows.
 */
@ApplicationScoped
public class EventDeduplicator {

    private final BoundedExpiringMap<Boolean> seen;
    private final Clock clock;

    public EventDeduplicator() {
        this(20_000, Duration.ofHours(2), Clock.systemUTC());
    }

    EventDeduplicator(int capacity, Duration ttl, Clock clock) {
        this.seen = new BoundedExpiringMap<>(capacity, ttl);
        this.clock = clock;
    }

    /** True the first time an event id is offered, false for its repeats. */
    public boolean firstDelivery(String eventId) {
        return seen.putIfAbsent(eventId, Boolean.TRUE, clock.instant());
    }

    int remembered() {
        return seen.size();
    }
}
