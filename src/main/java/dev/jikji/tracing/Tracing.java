package dev.jikji.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Jikji's spans on the Tracer of quarkus-opentelemetry: a span per request ({@code jikji.ask}, {@code jikji.search},
 * {@code jikji.ingest}, children of the HTTP server span) with a child per stage ({@code jikji.embed},
 * {@code jikji.retrieve}, {@code jikji.rerank}, {@code jikji.generate}, {@code jikji.verify}, {@code jikji.commit}).
 * The SDK, OTLP export and W3C propagation are the extension's; this class only keeps the call sites short.
 * Off unless {@code quarkus.otel.sdk.disabled=false}: the tracer is then a no-op.
 */
@ApplicationScoped
public class Tracing {

    /** No spans at all: for code built outside the server (the offline CLI). */
    public static final Tracing NOOP = new Tracing(OpenTelemetry.noop().getTracer("dev.jikji"));

    private final Tracer tracer;

    @Inject
    public Tracing(OpenTelemetry openTelemetry) {
        this(openTelemetry.getTracer("dev.jikji"));
    }

    private Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Runs {@code work} in a span named {@code name}, current for its duration; {@code tag} may add attributes. */
    public <T> T span(String name, Consumer<Span> tag, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            if (tag != null) tag.accept(span);
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    public <T> T span(String name, Supplier<T> work) {
        return span(name, null, work);
    }

    /**
     * Runs {@code work} under a parent that is not sampled, so the spans it opens are not recorded (with the
     * default parent-based sampler): for work that is nobody's request, such as the start-up warm-up.
     */
    public <T> T unsampled(Supplier<T> work) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        SpanContext parent = SpanContext.create(TraceId.fromLongs(r.nextLong() | 1, r.nextLong()),
                SpanId.fromLong(r.nextLong() | 1), TraceFlags.getDefault(), TraceState.getDefault());
        try (Scope ignored = Context.root().with(Span.wrap(parent)).makeCurrent()) {
            return work.get();
        }
    }

    /** Spans of whatever is running: adds attributes to the current span. */
    public static Span current() {
        return Span.current();
    }
}
