package dev.jikji.events;

/**
 * Where the pipeline, ingest and Slack publish what happened (the records of this package); {@code observe}
 * subscribes with CDI {@code @Observes}. Code that publishes never knows who listens, so nothing below {@code api}
 * imports {@code observe}. {@link #NONE} for code built outside the server (the offline CLI, benchmarks).
 */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = event -> {};

    void publish(Object event);
}
