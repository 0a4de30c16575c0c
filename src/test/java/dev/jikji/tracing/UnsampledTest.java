package dev.jikji.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

/** Spans opened inside {@link Tracing#unsampled} are not recorded by the SDK's default sampler; others are. */
class UnsampledTest {

    @Test
    void spansUnderAnUnsampledParentAreNotExported() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build()) {
            Tracing tracing = new Tracing(sdk);
            int value = tracing.unsampled(() -> tracing.span("jikji.search", () -> tracing.span("jikji.retrieve", () -> 7)));
            assertThat(value).isEqualTo(7);
            assertThat(exporter.getFinishedSpanItems()).isEmpty();

            tracing.span("jikji.search", () -> 1);
            assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("jikji.search");
            // the span after unsampled() is a root of its own, not a child of the unsampled parent
            assertThat(exporter.getFinishedSpanItems().get(0).getParentSpanContext().isValid()).isFalse();
        }
    }
}
