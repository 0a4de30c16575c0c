package dev.jikji.index;

import java.time.Duration;
import java.time.Instant;

/**
 * Once-only claims that every Jikji process on one index shares: of all callers, on all replicas, exactly one
 * claims a key until it expires. The Slack event de-duplication and replay refusal stand on it when several replicas
 * serve one index ({@link SearchIndex#claims()}); the embedded index has none (one process: memory suffices).
 */
public interface ClaimStore {

    /**
     * True for the one caller that claims {@code key} first, or first after an earlier claim expired; false for every
     * other. The claim lives {@code ttl} from {@code now}. Throws {@link IndexWriteException} when the store cannot say.
     */
    boolean claim(String key, Instant now, Duration ttl);
}
