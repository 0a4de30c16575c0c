package dev.jikji.auth;

import dev.jikji.config.JikjiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key: {@code jikji.limits.requests-per-minute} tokens, refilled continuously, so a
 * key may burst up to a minute's allowance and then runs at the steady rate. 0 turns limiting off.
 * Hand-written: the platform's limiter (SmallRye Fault Tolerance's @RateLimit) counts per method, not per API key.
 */
@ApplicationScoped
public class RateLimiter {

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(JikjiConfig config) {
        this(config.limits().requestsPerMinute(), System::nanoTime);
    }

    public RateLimiter(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /** 0 when the request may go ahead (a token is taken), else the whole seconds to wait for the next token. */
    public long acquire(String key) {
        if (perMinute <= 0) return 0;
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nanoClock.getAsLong())).take(nanoClock.getAsLong());
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double wait = (1 - tokens) / perNano / 1e9;
            return Math.max(1, (long) Math.ceil(wait));
        }
    }
}
