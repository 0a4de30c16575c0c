package dev.jikji.stage;

import dev.jikji.events.EventSink;
import dev.jikji.events.Stage;
import dev.jikji.events.StageTimed;
import dev.jikji.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Times a pipeline step once: one clock reading feeds its span ({@code jikji.<stage>}), its meter (a
 * {@link StageTimed} event that observability counts) and the figure the response reports ({@link Timed#millis()}).
 * A step that throws gets its span marked as failed and no meter sample.
 */
@Singleton
public class StageTimer {

    /** No spans, no events: for code run outside the server (benchmarks, tests). */
    public static final StageTimer OFF = new StageTimer(Tracing.NOOP, EventSink.NONE);

    private final Tracing tracing;
    private final EventSink events;

    @Inject
    public StageTimer(Tracing tracing, EventSink events) {
        this.tracing = tracing;
        this.events = events;
    }

    /** Runs {@code step} as {@code stage}; {@code tags} may add span attributes before it runs. */
    public <T> Timed<T> time(Stage stage, Consumer<Span> tags, Supplier<T> step) {
        long start = System.nanoTime();
        T value = tracing.span(stage.spanName(), tags, step);
        long nanos = System.nanoTime() - start;
        events.publish(new StageTimed(stage, nanos));
        return new Timed<>(value, nanos);
    }

    public <T> Timed<T> time(Stage stage, Supplier<T> step) {
        return time(stage, null, step);
    }

    /** A part of a step that the step measured itself (the query embedding inside retrieval, the first token inside generation). */
    public void record(Stage stage, long nanos) {
        events.publish(new StageTimed(stage, Math.max(0, nanos)));
    }
}
