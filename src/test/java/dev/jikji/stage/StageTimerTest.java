package dev.jikji.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.events.Stage;
import dev.jikji.events.StageTimed;
import dev.jikji.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StageTimerTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final List<Object> events = new ArrayList<>();
    private final StageTimer timer = new StageTimer(new Tracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build()), events::add);

    @Test
    void oneReadingFeedsTheSpanTheMeterAndTheResponse() throws Exception {
        Timed<String> t = timer.time(Stage.RERANK, span -> span.setAttribute("jikji.candidates", 7), () -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "scored";
        });
        assertThat(t.value()).isEqualTo("scored");
        assertThat(t.millis()).isGreaterThanOrEqualTo(20);
        assertThat(events).containsExactly(new StageTimed(Stage.RERANK, t.nanos()));
        SpanData span = spans.getFinishedSpanItems().getFirst();
        assertThat(span.getName()).isEqualTo("jikji.rerank");
        assertThat(span.getAttributes().get(AttributeKey.longKey("jikji.candidates"))).isEqualTo(7);
        long spanNanos = span.getEndEpochNanos() - span.getStartEpochNanos();
        // the span is inside the timed interval: never longer than what the response reports
        assertThat(spanNanos).isLessThanOrEqualTo(t.nanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(19));
    }

    @Test
    void aFailedStepMarksItsSpanAndRecordsNoSample() {
        assertThatThrownBy(() -> timer.time(Stage.GENERATE, () -> {
            throw new IllegalStateException("generator down");
        })).hasMessage("generator down");
        assertThat(events).isEmpty();
        assertThat(spans.getFinishedSpanItems().getFirst().getStatus().getStatusCode())
                .isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    }

    @Test
    void aPartMeasuredInsideAStepIsRecordedAsItsOwnStage() {
        timer.record(Stage.EMBED, 1234);
        timer.record(Stage.FIRST_TOKEN, -5);
        assertThat(events).containsExactly(new StageTimed(Stage.EMBED, 1234), new StageTimed(Stage.FIRST_TOKEN, 0));
        assertThat(Stage.FIRST_TOKEN.spanName()).isEqualTo("jikji.first_token");
    }
}
