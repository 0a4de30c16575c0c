package dev.jikji.slack;

import dev.jikji.config.JikjiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * {@link ReplayGuard} in this process's memory: keys live twice the signature window (a timestamp is accepted up
 * to {@code max-age} either side of now), at most {@code capacity} of them; past that the oldest are forgotten
 * (and a warning logged), so memory stays bounded even under a flood of validly signed requests. Per process: on an
 * index several replicas share, {@link SlackStores} claims the keys in the index's store instead.
 */
@ApplicationScoped
@Typed(InMemoryReplayGuard.class) // offered as ReplayGuard by SlackStores, when the index shares no store
public class InMemoryReplayGuard implements ReplayGuard {

    private static final Logger LOG = Logger.getLogger(InMemoryReplayGuard.class);
    static final int CAPACITY = 100_000;

    private final BoundedExpiringMap<Boolean> seen;
    private final int capacity;
    private volatile boolean warned;

    @Inject
    public InMemoryReplayGuard(JikjiConfig config) {
        this(CAPACITY, ttl(config));
    }

    /** Twice the signature window and a minute: past it the signature no longer verifies anyway. */
    static Duration ttl(JikjiConfig config) {
        return Duration.ofSeconds(2L * config.slack().maxAgeSeconds() + 60);
    }

    InMemoryReplayGuard(int capacity, Duration ttl) {
        this.seen = new BoundedExpiringMap<>(capacity, ttl);
        this.capacity = capacity;
    }

    @Override
    public boolean firstUse(String key, Instant now) {
        boolean first = seen.putIfAbsent(key, Boolean.TRUE, now);
        if (first && !warned && seen.size() >= capacity) {
            warned = true;
            LOG.warnf("Slack replay memory is full (%d signed requests within the window); the oldest are forgotten", capacity);
        }
        return first;
    }

    int remembered() {
        return seen.size();
    }
}
