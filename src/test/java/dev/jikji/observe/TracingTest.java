package dev.jikji.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With jikji.tracing.enabled=true, each request is one trace: a request span and a child span per stage. */
@QuarkusTest
@Tag("quarkus")
@TestProfile(TracingTest.On.class)
class TracingTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.tracing.enabled", "true");
        }
    }

    @BeforeEach
    void document() {
        given().contentType("application/json").body(Map.of("id", "tracing/wombat.md",
                "text", "# Wombat budget\n\nThe wombat budget is approved every March by the finance committee."))
                .post("/api/v1/documents").then().statusCode(200);
        InMemorySpans.EXPORTER.reset();
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
    void askIsOneTraceWithAStageSpanEach() {
        boolean abstained = given().contentType("application/json").body(Map.of("question", "When is the wombat budget approved?"))
                .post("/api/v1/ask").then().statusCode(200).extract().path("abstained");
        assertThat(abstained).isFalse();
        List<SpanData> spans = InMemorySpans.EXPORTER.getFinishedSpanItems();
        SpanData ask = one(spans, "jikji.ask");
        assertThat(ask.getParentSpanContext().isValid()).isFalse();
        for (String stage : List.of("jikji.retrieve", "jikji.rerank", "jikji.generate", "jikji.verify")) {
            childOf(one(spans, stage), ask);
        }
        assertThat(ask.getAttributes().asMap().toString()).contains("jikji.mode").contains("jikji.abstained");
        assertThat(one(spans, "jikji.retrieve").getAttributes().asMap().toString()).contains("jikji.embed_ms");
        assertThat(ask.getResource().getAttributes().asMap().toString()).contains("jikji");
    }

    @Test
    void searchAndIngestAreTracedToo() {
        given().contentType("application/json").body(Map.of("query", "wombat budget")).post("/api/v1/search")
                .then().statusCode(200);
        List<SpanData> spans = InMemorySpans.EXPORTER.getFinishedSpanItems();
        SpanData search = one(spans, "jikji.search");
        childOf(one(spans, "jikji.retrieve"), search);
        childOf(one(spans, "jikji.rerank"), search);

        InMemorySpans.EXPORTER.reset();
        given().contentType("application/json").body(Map.of("id", "tracing/other.md", "text", "Parking is on level two."))
                .post("/api/v1/documents").then().statusCode(200);
        spans = InMemorySpans.EXPORTER.getFinishedSpanItems();
        SpanData ingest = one(spans, "jikji.ingest");
        childOf(one(spans, "jikji.embed"), ingest);
        childOf(one(spans, "jikji.commit"), ingest);
    }

    @Test
    void otlpExportersAreBuiltForBothProtocols() throws Exception {
        Tracing.otlp("http://localhost:4317", "grpc").close();
        Tracing.otlp("http://localhost:4318/v1/traces", "http/protobuf").close();
        assertThatThrownBy(() -> Tracing.otlp("http://x", "carrier-pigeon")).hasMessageContaining("otlp-protocol");
    }
}
