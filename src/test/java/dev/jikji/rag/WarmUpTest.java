package dev.jikji.rag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.observe.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server seeded with docs-corpus warms its search path for {@code jikji.search.warm-up} before it is ready: the
 * warm-up's own gauges say it ran searches and extractive answers, and none of them shows in the stage histograms
 * or the answer counters, which the first real request does move.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(WarmUpTest.On.class)
class WarmUpTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.data.dir", "target/test-data/warm-up-" + System.nanoTime(),
                    "jikji.ingest.seed-when-empty", "true", "jikji.search.warm-up", "2s");
        }
    }

    @Test
    void warmsUpBeforeTheFirstRequestAndCountsNoneOfIt() {
        Scrape started = Scrape.take();
        double searches = started.sum("jikji_warmup_requests", "kind=\"search\"");
        assertThat(searches).as(started.text()).isGreaterThanOrEqualTo(20);
        assertThat(started.sum("jikji_warmup_requests", "kind=\"ask\"")).isGreaterThanOrEqualTo(searches / 4 - 1).isPositive();
        assertThat(started.sum("jikji_warmup_duration_seconds")).isBetween(1.9, 30.0);
        // nobody asked anything yet: the warm-up's searches and answers are not in the request meters
        assertThat(started.sum("jikji_stage_seconds_count", "stage=\"retrieve\"")).isZero();
        assertThat(started.sum("jikji_stage_seconds_count", "stage=\"generate\"")).isZero();
        assertThat(started.sum("jikji_answers_total")).isZero();

        given().contentType("application/json").body(Map.of("query", "연차 휴가 신청"))
                .post("/api/v1/search").then().statusCode(200);
        given().contentType("application/json").body(Map.of("question", "How do I request annual leave?"))
                .post("/api/v1/ask").then().statusCode(200);
        Scrape after = Scrape.take();
        assertThat(after.sum("jikji_stage_seconds_count", "stage=\"retrieve\"")).isEqualTo(2);
        assertThat(after.sum("jikji_answers_total")).isEqualTo(1);
        assertThat(after.sum("jikji_warmup_requests", "kind=\"search\"")).isEqualTo(searches);
    }
}
