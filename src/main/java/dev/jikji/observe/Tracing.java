package dev.jikji.observe;

import dev.jikji.config.JikjiConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * OpenTelemetry traces with the plain SDK (quarkus-opentelemetry does not resolve here): a span per request
 * ({@code jikji.ask}, {@code jikji.search}, {@code jikji.ingest}) with a child per stage ({@code jikji.embed},
 * {@code jikji.retrieve}, {@code jikji.rerank}, {@code jikji.generate}, {@code jikji.verify}). Off unless
 * {@code jikji.tracing.enabled=true}; then spans go to the OTLP endpoint in batches, or to a {@link SpanExporter}
 * bean when the application has one (tests use an in-memory exporter).
 */
@ApplicationScoped
public class Tracing {

    private static final Logger LOG = Logger.getLogger(Tracing.class);

    /** No spans at all: for code built outside the server (the offline CLI). */
    public static final Tracing NOOP = new Tracing(OpenTelemetry.noop().getTracer("dev.jikji"));

    private final Tracer tracer;
    private final OpenTelemetrySdk sdk;

    private Tracing(Tracer tracer) {
        this.tracer = tracer;
        this.sdk = null;
    }

    @Inject
    public Tracing(JikjiConfig config, Instance<SpanExporter> exporters) {
        JikjiConfig.Tracing cfg = config.tracing();
        if (!cfg.enabled()) {
            this.sdk = null;
            this.tracer = OpenTelemetry.noop().getTracer("dev.jikji");
            return;
        }
        SpanProcessor processor;
        if (exporters.isResolvable()) {
            processor = SimpleSpanProcessor.create(exporters.get());
            LOG.infof("Tracing on: spans go to %s", exporters.get().getClass().getSimpleName());
        } else {
            processor = BatchSpanProcessor.builder(otlp(cfg.otlpEndpoint(), cfg.otlpProtocol())).build();
            LOG.infof("Tracing on: spans go by OTLP (%s) to %s", cfg.otlpProtocol(), cfg.otlpEndpoint());
        }
        Resource resource = Resource.getDefault().merge(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), cfg.serviceName())));
        this.sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setResource(resource).addSpanProcessor(processor).build())
                .build();
        this.tracer = sdk.getTracer("dev.jikji");
    }

    static SpanExporter otlp(String endpoint, String protocol) {
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "grpc" -> OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build();
            case "http/protobuf", "http" -> OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
            default -> throw new IllegalArgumentException("jikji.tracing.otlp-protocol must be grpc or http/protobuf, not '"
                    + protocol + "'");
        };
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

    /** Spans of whatever is running: adds attributes to the current span. */
    public static Span current() {
        return Span.current();
    }

    @PreDestroy
    void close() {
        if (sdk != null) sdk.close();
    }
}
