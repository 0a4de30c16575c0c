package dev.jikji.slack;

import java.time.Instant;

/**
 * Remembers which signed Slack requests were already accepted, so that a captured request sent again within the
 * signature window is refused. Behind an interface so that replicas share one store: {@link SlackStores} picks the
 * index's shared claims on SolrCloud, {@link InMemoryReplayGuard} (per process) on the embedded index.
 */
public interface ReplayGuard {

    /** True the first time {@code key} is offered before {@code now + window}; false for every repeat within it. */
    boolean firstUse(String key, Instant now);
}
