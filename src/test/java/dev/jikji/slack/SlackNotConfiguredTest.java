package dev.jikji.slack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Without a signing secret nothing from "Slack" is accepted, signed or not: 503 saying what to configure. */
@QuarkusTest
@Tag("quarkus")
class SlackNotConfiguredTest {

    @Test
    void everySlackEndpointAnswers503() {
        for (String path : new String[] {"/slack/events", "/slack/commands", "/slack/interactions"}) {
            given().header("X-Slack-Request-Timestamp", String.valueOf(System.currentTimeMillis() / 1000))
                    .header("X-Slack-Signature", "v0=" + "0".repeat(64))
                    .contentType("application/json").body("{\"type\":\"url_verification\",\"challenge\":\"c\"}")
                    .when().post(path)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("title", equalTo("Slack is not configured"))
                    .body("detail", containsString("JIKJI_SLACK_SIGNING_SECRET"));
        }
    }
}
