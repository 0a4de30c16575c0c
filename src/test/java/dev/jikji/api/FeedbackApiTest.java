package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.jikji.observe.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** POST /api/v1/feedback: votes counted with Slack's in jikji_feedback_total, bad votes refused by field. */
@QuarkusTest
@Tag("quarkus")
class FeedbackApiTest {

    @Test
    void votesAreCountedPerVoteAndChannel() {
        Scrape before = Scrape.take();
        given().contentType("application/json").body(Map.of("vote", "up", "question", "API 키 교체 주기는?",
                "answer", "키는 90일마다 교체한다 [1].")).post("/api/v1/feedback")
                .then().statusCode(202).body("recorded", equalTo(true)).body("answerId", startsWith("q:"));
        given().contentType("application/json").body(Map.of("vote", "down", "answerId", "web/1700000000-3",
                "comment", "출처가 틀렸어요")).post("/api/v1/feedback")
                .then().statusCode(202).body("answerId", equalTo("web/1700000000-3"));
        Scrape after = Scrape.take();
        assertThat(after.sum("jikji_feedback_total", "channel=\"web\",vote=\"up\"")
                - before.sum("jikji_feedback_total", "channel=\"web\",vote=\"up\"")).isEqualTo(1);
        assertThat(after.sum("jikji_feedback_total", "channel=\"web\",vote=\"down\"")
                - before.sum("jikji_feedback_total", "channel=\"web\",vote=\"down\"")).isEqualTo(1);
        // the Slack-only series does not move for the page's votes
        assertThat(after.sum("jikji_slack_feedback_total", "vote=\"up\""))
                .isEqualTo(before.sum("jikji_slack_feedback_total", "vote=\"up\""));
    }

    @Test
    void badFeedbackIsRefusedNamingTheField() {
        refused(Map.of("question", "q"), "vote");
        refused(Map.of("vote", "sideways", "question", "q"), "vote");
        refused(Map.of("vote", "up"), "question");
        refused(Map.of("vote", "up", "answerId", "../etc passwd"), "answerId");
        refused(Map.of("vote", "up", "question", "q", "comment", "가".repeat(2001)), "comment");
        refused(Map.of("vote", "up", "question", "q", "answer", "가".repeat(4001)), "answer");
        refused(Map.of("vote", 1, "question", "q"), "vote");
    }

    private static void refused(Map<String, ?> body, String field) {
        given().contentType("application/json").body(body).post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
    }
}
