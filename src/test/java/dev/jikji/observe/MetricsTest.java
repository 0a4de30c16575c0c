package dev.jikji.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** /q/metrics: ingest and ask move the counters and stage histograms by exactly what they did; models are labelled. */
@QuarkusTest
@Tag("quarkus")
class MetricsTest {

    @Test
    void ingestAndAskMoveTheCounters() {
        Scrape before = Scrape.take();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ndjson = "{\"id\":\"metrics/" + run + "/a\",\"text\":\"# Wombat budget\\n\\nThe wombat budget is approved every March by the finance committee.\"}\n"
                + "{\"id\":\"metrics/" + run + "/b\",\"text\":\"# Parking\\n\\nVisitors park on level two and register at the front desk.\"}\n";
        JsonPath ingested = given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/documents").then().statusCode(200).body("failed", equalTo(0)).extract().jsonPath();
        int chunks = ingested.getList("results.chunks", Integer.class).stream().mapToInt(Integer::intValue).sum();
        // the same again is unchanged: counted neither as documents nor as chunks
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/documents").then().statusCode(200);

        given().contentType("application/json").body(Map.of("question", "When is the wombat budget approved?"))
                .post("/api/v1/ask").then().statusCode(200);
        given().contentType("application/json").body(Map.of("question", "zzqx unrelated quantum banana?"))
                .post("/api/v1/ask").then().statusCode(200);
        given().contentType("application/json").body(Map.of("query", "parking visitors"))
                .post("/api/v1/search").then().statusCode(200);

        Scrape after = Scrape.take();
        assertThat(delta(before, after, "jikji_documents_ingested_total")).as(after.text()).isEqualTo(2);
        assertThat(delta(before, after, "jikji_chunks_ingested_total")).isEqualTo(chunks);
        assertThat(delta(before, after, "jikji_answers_total")).isEqualTo(2);
        assertThat(delta(before, after, "jikji_abstentions_total", "reason=\"gate\"")).isGreaterThanOrEqualTo(1);
        // two asks and one search retrieved; ingest embedded once (the repeat embedded nothing) plus three query embeddings
        assertThat(delta(before, after, "jikji_stage_seconds_count", "stage=\"retrieve\"")).isEqualTo(3);
        assertThat(delta(before, after, "jikji_stage_seconds_count", "stage=\"embed\"")).isEqualTo(4);
        assertThat(delta(before, after, "jikji_stage_seconds_count", "stage=\"rerank\"")).isEqualTo(3);
        assertThat(after.sum("jikji_stage_seconds_bucket", "stage=\"retrieve\"", "le=\"+Inf\"")).isGreaterThanOrEqualTo(3);
        assertThat(after.sum("jikji_index_documents")).isGreaterThanOrEqualTo(2);
        // every request above is over: no slot is held and nothing waits
        assertThat(after.text()).contains("jikji_admission_working", "jikji_admission_waiting{class=\"interactive\"");
        assertThat(after.sum("jikji_admission_working")).isZero();
        assertThat(after.sum("jikji_admission_waiting")).isZero();
        // the ingest above ran on niced threads (jikji.limits.ingest-niceness, on by default)
        assertThat(after.sum("jikji_admission_ingest_niceness")).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("jikji_index_chunks")).isGreaterThanOrEqualTo(chunks);
        // the English chunks just ingested have vectors; Korean chunks would not (the embedder declares English only)
        assertThat(after.sum("jikji_index_chunks_embedded")).isGreaterThanOrEqualTo(chunks)
                .isLessThanOrEqualTo(after.sum("jikji_index_chunks"));
        for (String role : List.of("embedding", "reranker", "generator")) {
            assertThat(after.sum("jikji_model_info", "role=\"" + role + "\"")).as(role).isEqualTo(1);
        }
        assertThat(after.text()).contains("execution_provider=\"").contains("jikji_slack_feedback_total{vote=\"up\"")
                .contains("jikji_citations_removed_total");
    }

    @Test
    void servedAsPrometheusText() {
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain"));
        // with any type accepted (as curl sends) the extension answers OpenMetrics
        given().accept("*/*").get("/q/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/openmetrics-text"));
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
