package dev.jikji.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With quarkus.otel.sdk.disabled=false, each request is one trace: the extension's HTTP server span (continuing the
 * caller's W3C traceparent), Jikji's request span under it and a child span per stage.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(TracingTest.On.class)
class TracingTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the in-memory exporter (InMemorySpans) instead of OTLP; batches leave at once
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "10ms");
        }
    }

    @BeforeEach
    void document() throws InterruptedException {
        given().contentType("application/json").body(Map.of("id", "tracing/wombat.md",
                "text", "# Wombat budget\n\nThe wombat budget is approved every March by the finance committee."))
                .post("/api/v1/documents").then().statusCode(200);
        spans("jikji.ingest");
        InMemorySpans.EXPORTER.reset();
    }

    /** The finished spans once one named {@code last} and a server span are exported (batched, on another thread). */
    static List<SpanData> spans(String last) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<SpanData> spans = InMemorySpans.EXPORTER.getFinishedSpanItems();
            // the request's server span ends just after Jikji's
            if (spans.stream().anyMatch(s -> s.getName().equals(last))
                    && spans.stream().anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER)) {
                return spans;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no span " + last + " in " + InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                .map(SpanData::getName).toList());
    }

    private static SpanData one(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name + " in " + spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return named.getFirst();
    }

    private static void childOf(SpanData child, SpanData parent) {
        assertThat(child.getTraceId()).as(child.getName()).isEqualTo(parent.getTraceId());
        assertThat(child.getParentSpanId()).as(child.getName()).isEqualTo(parent.getSpanId());
    }

    @Test
    void askIsOneTraceWithAStageSpanEach() throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        boolean abstained = given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType("application/json").body(Map.of("question", "When is the wombat budget approved?"))
                .post("/api/v1/ask").then().statusCode(200).extract().path("abstained");
        assertThat(abstained).isFalse();
        List<SpanData> spans = spans("jikji.ask");
        SpanData ask = one(spans, "jikji.ask");
        // the caller's trace goes on: its span is the parent of the server span, which is the parent of jikji.ask
        assertThat(ask.getTraceId()).isEqualTo(traceId);
        SpanData server = spans.stream().filter(s -> s.getSpanId().equals(ask.getParentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no server span above jikji.ask"));
        assertThat(server.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
        for (String stage : List.of("jikji.retrieve", "jikji.rerank", "jikji.generate", "jikji.verify")) {
            childOf(one(spans, stage), ask);
        }
        assertThat(ask.getAttributes().asMap().toString()).contains("jikji.mode").contains("jikji.abstained");
        assertThat(one(spans, "jikji.retrieve").getAttributes().asMap().toString()).contains("jikji.embed_ms");
        assertThat(ask.getResource().getAttributes().asMap().toString()).contains("jikji");
    }

    @Test
    void searchAndIngestAreTracedToo() throws InterruptedException {
        given().contentType("application/json").body(Map.of("query", "wombat budget")).post("/api/v1/search")
                .then().statusCode(200);
        List<SpanData> spans = spans("jikji.search");
        SpanData search = one(spans, "jikji.search");
        childOf(one(spans, "jikji.retrieve"), search);
        childOf(one(spans, "jikji.rerank"), search);

        InMemorySpans.EXPORTER.reset();
        given().contentType("application/json").body(Map.of("id", "tracing/other.md", "text", "Parking is on level two."))
                .post("/api/v1/documents").then().statusCode(200);
        spans = spans("jikji.ingest");
        SpanData ingest = one(spans, "jikji.ingest");
        childOf(one(spans, "jikji.embed"), ingest);
        childOf(one(spans, "jikji.commit"), ingest);
    }
}
