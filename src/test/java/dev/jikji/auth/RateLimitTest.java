package dev.jikji.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** jikji.limits.requests-per-minute: a key past its bucket gets 429 with Retry-After; other keys and health do not. */
@QuarkusTest
@Tag("quarkus")
@TestProfile(RateLimitTest.LimitProfile.class)
class RateLimitTest {

    public static class LimitProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.auth.enabled", "true", "jikji.auth.keys", AuthTestKeys.inline(),
                    "jikji.limits.requests-per-minute", "3");
        }
    }

    @Test
    void overTheLimitIs429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + AuthTestKeys.READER).get("/api/v1/documents").then().statusCode(200);
        }
        Response r = given().header("Authorization", "Bearer " + AuthTestKeys.READER).get("/api/v1/documents");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 20L);
        assertThat(r.jsonPath().getString("detail")).contains("reader").contains("rate limit");
        // another key has its own bucket; health is never limited
        given().header("Authorization", "Bearer " + AuthTestKeys.WRITER).get("/api/v1/documents").then().statusCode(200);
        for (int i = 0; i < 5; i++) given().get("/q/health/live").then().statusCode(200);
    }
}
