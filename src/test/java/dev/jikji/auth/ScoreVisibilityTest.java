package dev.jikji.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scores move with restricted documents' term statistics: only callers of group * see them (search, ask, SSE). */
@QuarkusTest
@Tag("quarkus")
@TestProfile(AccessApiTest.AuthProfile.class)
class ScoreVisibilityTest {

    @Test
    void scoresAreShownOnlyToCallersThatSeeEverything() {
        AccessApiTest.as(AuthTestKeys.ADMIN).contentType("application/json")
                .body(Map.of("id", "scores/otter", "text", "The otter holt is cleaned every Friday by the otter keepers."))
                .post("/api/v1/documents").then().statusCode(200);
        Map<String, Object> q = Map.of("query", "otter holt cleaned");
        Response admin = AccessApiTest.as(AuthTestKeys.ADMIN).contentType("application/json").body(q).post("/api/v1/search");
        Response reader = AccessApiTest.as(AuthTestKeys.READER).contentType("application/json").body(q).post("/api/v1/search");
        assertThat(admin.jsonPath().getList("hits.score")).isNotEmpty().doesNotContainNull();
        assertThat(reader.jsonPath().getList("hits.documentId")).contains("scores/otter");
        assertThat(reader.asString()).doesNotContain("\"score\"").doesNotContain("rerankScore");
        Map<String, Object> ask = Map.of("question", "When is the otter holt cleaned?");
        Response asked = AccessApiTest.as(AuthTestKeys.READER).contentType("application/json").body(ask).post("/api/v1/ask");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.jsonPath().getList("sources")).isNotEmpty();
        assertThat(asked.asString()).doesNotContain("\"score\"").doesNotContain("rerankScore");
        String sse = AccessApiTest.as(AuthTestKeys.READER).contentType("application/json").accept("text/event-stream").body(ask)
                .post("/api/v1/ask").asString();
        assertThat(sse).contains("event: done").doesNotContain("\"score\"").doesNotContain("rerankScore");
        List<Object> adminSources = AccessApiTest.as(AuthTestKeys.ADMIN).contentType("application/json").body(ask)
                .post("/api/v1/ask").jsonPath().getList("sources.score");
        assertThat(adminSources).isNotEmpty().doesNotContainNull();
    }
}
