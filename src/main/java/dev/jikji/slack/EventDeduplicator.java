package dev.jikji.slack;

/**
 * Slack re-sends an event it thinks was not acknowledged in time (up to three retries over about an hour,
 * {@code X-Slack-Retry-Num}); each must be answered once. A seam, like {@link ReplayGuard}: with several replicas a
 * retry can reach another pod than the first delivery did, so the store must be shared (an atomic create-if-absent
 * with a time-to-live, README "Slack" → "Several replicas"): {@link SlackStores} picks the index's shared claims on
 * SolrCloud, {@link InMemoryEventDeduplicator} (per process) on the embedded index.
 */
public interface EventDeduplicator {

    /** True the first time an event id is offered, false for its repeats (within the store's time-to-live). */
    boolean firstDelivery(String eventId);
}
