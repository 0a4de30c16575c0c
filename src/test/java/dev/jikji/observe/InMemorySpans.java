package dev.jikji.observe;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The exporter Tracing uses when a test turns tracing on: spans kept in memory. Unused while tracing is off. */
public class InMemorySpans {

    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    SpanExporter exporter() {
        return EXPORTER;
    }
}
