package dev.jikji.slack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.api.CorpusFixture;
import dev.jikji.feedback.FeedbackRecorder;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Slack bot end to end over real HTTP: Slack's requests signed with the test secret as Slack signs them,
 * Slack's Web API and response_url played by {@link FakeSlackServer} on loopback, answers from docs-corpus.
 * Each test uses its own channel id, so late calls of one test never count in another.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(SlackBotTest.SlackProfile.class)
class SlackBotTest {

    public static class SlackProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeSlackServer.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.slack.channel-groups.CHRONLY", "hr,finance");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BOT = "U0JIKJIBOT";
    private static final String FORM = "application/x-www-form-urlencoded";
    static final String KEY_QUESTION = "API 키 교체 주기는 어떻게 되나요?";

    @Inject
    FeedbackRecorder feedback;

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    @Test
    void urlVerificationEchoesTheChallenge() {
        byte[] body = "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"
                .getBytes(StandardCharsets.UTF_8);
        var before = dev.jikji.observe.Scrape.take();
        signed(body, "application/json", now()).post("/slack/events").then().statusCode(200)
                .body("challenge", equalTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
        var after = dev.jikji.observe.Scrape.take();
        assertThat(after.sum("jikji_slack_events_total", "type=\"url_verification\"")
                - before.sum("jikji_slack_events_total", "type=\"url_verification\"")).isEqualTo(1);
    }

    @Test
    void badSignatureStaleTimestampOrNoHeadersGet401AndNothingIsPosted() throws Exception {
        String channel = "CREFUSED";
        byte[] body = mention("EvRefused1", channel, "1700000001.000100", null, KEY_QUESTION);
        String ts = now();
        // signed with another secret
        given().header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", sign("wrong-secret", ts, body))
                .contentType("application/json").body(body).post("/slack/events").then().statusCode(401)
                .contentType("application/problem+json");
        // right secret, body changed after signing
        byte[] tampered = mention("EvRefused1", channel, "1700000001.000100", null, "관리자 키를 알려 주세요");
        given().header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", sign(FakeSlackServer.SIGNING_SECRET, ts, body))
                .contentType("application/json").body(tampered).post("/slack/events").then().statusCode(401);
        // correctly signed, but six minutes old (a replay)
        String stale = String.valueOf(Instant.now().minusSeconds(360).getEpochSecond());
        signed(body, "application/json", stale).post("/slack/events").then().statusCode(401);
        // no headers
        given().contentType("application/json").body(body).post("/slack/events").then().statusCode(401);
        // the other endpoints too
        byte[] form = form(Map.of("text", KEY_QUESTION, "response_url", FakeSlackServer.responseUrl("refused")));
        given().header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", sign("wrong-secret", ts, form))
                .contentType(FORM).body(formBody(form)).post("/slack/commands").then().statusCode(401);
        given().header("X-Slack-Request-Timestamp", stale).header("X-Slack-Signature", sign(FakeSlackServer.SIGNING_SECRET, stale, form))
                .contentType(FORM).body(formBody(form)).post("/slack/interactions").then().statusCode(401);

        Thread.sleep(1500);
        assertThat(FakeSlackServer.CALLS).noneMatch(c -> channel.equals(c.param("channel"))
                || c.path().endsWith("/refused"));
        // and the same event, properly signed, is then answered: the refusals did not mark it as seen
        signed(body, "application/json", now()).post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
    }

    @Test
    void appMentionPostsSearchingInTheThreadThenUpdatesItWithTheAnswerAndSources() {
        String channel = "CMENTION";
        String ts = "1700000100.000200";
        long started = System.nanoTime();
        signed(mention("EvMention1", channel, ts, null, "<@" + BOT + "> " + KEY_QUESTION), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        List<FakeSlackServer.Call> posted = FakeSlackServer.calls("chat.postMessage", channel);
        assertThat(posted).hasSize(1);
        FakeSlackServer.Call searching = posted.getFirst();
        assertThat(searching.param("thread_ts")).isEqualTo(ts);
        assertThat(searching.param("text")).contains("검색 중");
        assertThat(searching.authorization()).isEqualTo("Bearer " + FakeSlackServer.BOT_TOKEN);

        FakeSlackServer.Call update = FakeSlackServer.calls("chat.update", channel).getFirst();
        assertThat(FakeSlackServer.CALLS.indexOf(update)).isGreaterThan(FakeSlackServer.CALLS.indexOf(searching));
        assertThat(update.authorization()).isEqualTo("Bearer " + FakeSlackServer.BOT_TOKEN);
        String text = update.blockText();
        assertThat(text).contains("90일").containsPattern("\\[\\d]").contains("*출처*");
        // docs-corpus sources are file paths, not URLs: title and heading path, no link
        assertThat(text).containsPattern("\\[\\d] \\*보안 및 접근 정책\\* › API 키 관리");
        assertThat(text).doesNotContain("<@" + BOT + ">");
        JsonNode actions = findBlock(update.blocks(), "actions");
        assertThat(actions.get("elements").get(0).get("action_id").asText()).isEqualTo("jikji_feedback_up");
        assertThat(actions.get("elements").get(1).get("action_id").asText()).isEqualTo("jikji_feedback_down");
        assertThat(actions.get("elements").get(0).get("value").asText()).isEqualTo(channel + "/" + update.param("ts"));
        assertThat(update.param("ts")).isNotEqualTo(ts); // the bot's own message is updated, not the question
    }

    @Test
    void aSourceWithAUrlIsLinked() {
        given().contentType("application/json").body(Map.of("id", "wiki/vpn", "title", "VPN 접속 안내",
                "source", "https://wiki.example.com/vpn", "contentType", "text/markdown",
                "text", "# VPN 접속 안내\n\n## 설치\n\n사내 VPN은 WireGuard를 사용한다. 설정 파일은 IT 포털에서 받는다."))
                .post("/api/v1/documents").then().statusCode(200);
        String channel = "CURL";
        signed(mention("EvUrl1", channel, "1700000150.000100", null, "<@" + BOT + "> 사내 VPN은 무엇을 사용하나요?"),
                "application/json", now()).post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        String text = FakeSlackServer.calls("chat.update", channel).getFirst().blockText();
        assertThat(text).contains("WireGuard").contains("<https://wiki.example.com/vpn|VPN 접속 안내> › 설치");
    }

    @Test
    void aLongAnswerUpdatesSearchingWithItsFirstPartAndContinuesInTheThread() {
        // Slack's real limits (3,000 characters a section, 12,000 a message) need a longer answer than the
        // extractive generator writes; the same code with small limits goes down the same path.
        QuarkusMock.installMockForType(new SlackMessageFormatter(40, 50, 50), SlackMessageFormatter.class);
        String channel = "CLONG";
        String ts = "1700000180.000100";
        signed(mention("EvLong1", channel, ts, null, "<@" + BOT + "> " + KEY_QUESTION), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.postMessage", channel).stream().anyMatch(c -> findBlock(c.blocks(), "actions") != null));
        List<FakeSlackServer.Call> updates = FakeSlackServer.calls("chat.update", channel);
        List<FakeSlackServer.Call> posts = FakeSlackServer.calls("chat.postMessage", channel);
        assertThat(updates).hasSize(1);
        assertThat(posts.size()).isGreaterThanOrEqualTo(2); // searching…, then the continuation(s)
        assertThat(posts.getFirst().param("text")).contains("검색 중");
        assertThat(FakeSlackServer.CALLS.indexOf(updates.getFirst())).isLessThan(FakeSlackServer.CALLS.indexOf(posts.get(1)));
        assertThat(findBlock(updates.getFirst().blocks(), "actions")).isNull();
        StringBuilder all = new StringBuilder(updates.getFirst().blockText());
        for (FakeSlackServer.Call more : posts.subList(1, posts.size())) {
            assertThat(more.param("thread_ts")).isEqualTo(ts);
            assertThat(more.param("text")).isEqualTo("(답변 계속)");
            for (JsonNode block : more.blocks()) {
                if (block.has("text")) assertThat(block.get("text").get("text").asText().length()).isLessThanOrEqualTo(40);
            }
            all.append(more.blockText());
        }
        assertThat(all.toString()).contains("90").contains("*출처*").contains("보안 및 접근 정책");
    }

    @Test
    void aRetriedEventIsAnsweredOnce() throws Exception {
        String channel = "CRETRY";
        byte[] body = mention("EvRetry1", channel, "1700000200.000100", null, "<@" + BOT + "> " + KEY_QUESTION);
        // Slack signs each retry anew, at the time it sends it
        signed(body, "application/json", ago(2)).post("/slack/events").then().statusCode(200);
        signed(body, "application/json", ago(1)).header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_timeout")
                .post("/slack/events").then().statusCode(200);
        signed(body, "application/json", now()).header("X-Slack-Retry-Num", "2").header("X-Slack-Retry-Reason", "http_timeout")
                .post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        Thread.sleep(1500);
        assertThat(FakeSlackServer.calls("chat.postMessage", channel)).hasSize(1);
        assertThat(FakeSlackServer.calls("chat.update", channel)).hasSize(1);
    }

    @Test
    void botMessagesAndEditsAreIgnoredButADirectMessageIsAnswered() throws Exception {
        String channel = "DBOTS";
        // another bot's message in a DM
        signed(event("EvBot1", Map.of("type", "message", "channel_type", "im", "channel", channel, "bot_id", "B999",
                "text", KEY_QUESTION, "ts", "1700000300.000100")), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        // our own message (its user is the bot's user id, as named in authorizations)
        signed(event("EvBot2", Map.of("type", "message", "channel_type", "im", "channel", channel, "user", BOT,
                "text", KEY_QUESTION, "ts", "1700000300.000200")), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        // an edit (subtype message_changed)
        signed(event("EvBot3", Map.of("type", "message", "channel_type", "im", "channel", channel, "subtype", "message_changed",
                "user", "U0HUMAN", "text", KEY_QUESTION, "ts", "1700000300.000300")), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        // a channel message that does not mention the bot
        signed(event("EvBot4", Map.of("type", "message", "channel_type", "channel", "channel", channel, "user", "U0HUMAN",
                "text", KEY_QUESTION, "ts", "1700000300.000400")), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        Thread.sleep(1500);
        assertThat(FakeSlackServer.CALLS).noneMatch(c -> channel.equals(c.param("channel")));

        // a person's direct message is answered, in a thread under it
        signed(event("EvDm1", Map.of("type", "message", "channel_type", "im", "channel", channel, "user", "U0HUMAN",
                "text", KEY_QUESTION, "ts", "1700000300.000500")), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        assertThat(FakeSlackServer.calls("chat.postMessage", channel).getFirst().param("thread_ts")).isEqualTo("1700000300.000500");
    }

    @Test
    void aFollowUpInTheThreadIsAnsweredWithTheEarlierQuestion() {
        String channel = "CTHREAD";
        String root = "1700000400.000100";
        signed(mention("EvThread1", channel, root, null, "<@" + BOT + "> " + KEY_QUESTION), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        assertThat(FakeSlackServer.calls("chat.update", channel).getFirst().blockText()).doesNotContain("이전 대화");

        signed(mention("EvThread2", channel, "1700000400.000900", root, "<@" + BOT + "> 그럼 교체 기간에는 옛 키가 며칠 동안 유효해요?"),
                "application/json", now()).post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 2);
        FakeSlackServer.Call followUpSearching = FakeSlackServer.calls("chat.postMessage", channel).get(1);
        assertThat(followUpSearching.param("thread_ts")).isEqualTo(root);
        String text = FakeSlackServer.calls("chat.update", channel).get(1).blockText();
        // searched with the thread's history, as the API does: the earlier question's key terms carried in
        assertThat(text).contains("이전 대화를 이어서 찾았습니다: _그럼 교체 기간에는 옛 키가 며칠 동안 유효해요? (").contains("주기");
        assertThat(text).contains("보안 및 접근 정책").contains("7일");

        // another thread of the same channel starts afresh
        signed(mention("EvThread3", channel, "1700000401.000100", null, "<@" + BOT + "> 그럼 교체 기간에는 옛 키가 며칠 동안 유효해요?"),
                "application/json", now()).post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 3);
        assertThat(FakeSlackServer.calls("chat.update", channel).get(2).blockText()).doesNotContain("이전 대화");
    }

    @Test
    void slashCommandIsAcknowledgedAndAnsweredThroughResponseUrl() {
        String hook = "cmd-" + System.nanoTime();
        byte[] body = form(Map.of("command", "/jikji", "text", KEY_QUESTION, "user_id", "U0ASKER", "channel_id", "CCMD",
                "response_url", FakeSlackServer.responseUrl(hook), "team_id", "T1", "trigger_id", "1.2.3"));
        Response ack = signed(body, FORM, now()).post("/slack/commands");
        ack.then().statusCode(200).body("response_type", equalTo("ephemeral"));
        assertThat(ack.jsonPath().getString("text")).contains("검색 중");

        await(() -> FakeSlackServer.CALLS.stream().anyMatch(c -> c.path().endsWith("/" + hook)));
        FakeSlackServer.Call reply = FakeSlackServer.CALLS.stream().filter(c -> c.path().endsWith("/" + hook)).findFirst().orElseThrow();
        assertThat(reply.json().get("response_type").asText()).isEqualTo("in_channel");
        assertThat(reply.authorization()).isNull(); // the response_url is the credential; the bot token is not sent there
        String text = reply.blockText();
        assertThat(text).contains("<@U0ASKER>").contains(KEY_QUESTION).contains("90일").contains("*출처*");
        assertThat(findBlock(reply.blocks(), "actions")).isNotNull();

        // no question: usage, and nothing is answered
        signed(form(Map.of("command", "/jikji", "text", "  ", "response_url", FakeSlackServer.responseUrl("empty"))),
                FORM, now()).post("/slack/commands")
                .then().statusCode(200).body("response_type", equalTo("ephemeral"));
    }

    @Test
    void aChannelSeesOnlyPublicDocumentsAndThoseOfItsGroups() {
        given().contentType("application/json").body(Map.of("id", "slack-acl/hr", "title", "Zephyr bonus table",
                "acl", List.of("hr"), "text", "The zephyr bonus for the quokka team is 7 percent, paid every March."))
                .post("/api/v1/documents").then().statusCode(200);
        String question = "<@" + BOT + "> What is the zephyr bonus for the quokka team?";
        signed(mention("EvAclOpen1", "CNOGROUP", "1700000400.000100", null, question), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        signed(mention("EvAclHr1", "CHRONLY", "1700000401.000100", null, question), "application/json", now())
                .post("/slack/events").then().statusCode(200);
        String hook = "acl-" + System.nanoTime();
        signed(form(Map.of("command", "/jikji", "text", "What is the zephyr bonus for the quokka team?", "user_id", "U0ASKER",
                "channel_id", "CNOGROUP", "response_url", FakeSlackServer.responseUrl(hook))), FORM, now())
                .post("/slack/commands").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", "CNOGROUP").size() == 1
                && FakeSlackServer.calls("chat.update", "CHRONLY").size() == 1
                && FakeSlackServer.CALLS.stream().anyMatch(c -> c.path().endsWith("/" + hook)));
        String open = FakeSlackServer.CALLS.stream()
                .filter(c -> "CNOGROUP".equals(c.param("channel")) || c.path().endsWith("/" + hook))
                .map(c -> c.blockText() + c.param("text")).reduce("", String::concat);
        assertThat(open).doesNotContain("Zephyr bonus table").doesNotContain("7 percent");
        String hr = FakeSlackServer.CALLS.stream().filter(c -> "CHRONLY".equals(c.param("channel")))
                .map(c -> c.blockText() + c.param("text")).reduce("", String::concat);
        assertThat(hr).contains("Zephyr bonus table");
    }

    @Test
    void feedbackButtonsAreRecorded() throws Exception {
        long up = feedback.count(FeedbackRecorder.Vote.UP, FeedbackRecorder.Channel.SLACK);
        long down = feedback.count(FeedbackRecorder.Vote.DOWN, FeedbackRecorder.Channel.SLACK);
        int click = 0;
        for (String action : List.of("jikji_feedback_up", "jikji_feedback_up", "jikji_feedback_down")) {
            // every click has its own trigger_id (so two clicks are never one signed request)
            String payload = JSON.writeValueAsString(Map.of("type", "block_actions", "trigger_id", "T" + (click++),
                    "user", Map.of("id", "U0VOTER"), "channel", Map.of("id", "CFEED"),
                    "response_url", FakeSlackServer.responseUrl("feedback"),
                    "actions", List.of(Map.of("action_id", action, "block_id", "jikji_feedback", "type", "button",
                            "value", "CFEED/1700000500.000100"))));
            signed(form(Map.of("payload", payload)), FORM, now())
                    .post("/slack/interactions").then().statusCode(200);
        }
        assertThat(feedback.count(FeedbackRecorder.Vote.UP, FeedbackRecorder.Channel.SLACK)).isEqualTo(up + 2);
        assertThat(feedback.count(FeedbackRecorder.Vote.DOWN, FeedbackRecorder.Channel.SLACK)).isEqualTo(down + 1);
        var scrape = dev.jikji.observe.Scrape.take();
        assertThat(scrape.sum("jikji_slack_feedback_total", "vote=\"up\"")).isEqualTo(up + 2);
        assertThat(scrape.sum("jikji_slack_feedback_total", "vote=\"down\"")).isEqualTo(down + 1);
        assertThat(scrape.sum("jikji_slack_events_total", "type=\"interaction\"")).isGreaterThanOrEqualTo(3);
        // a forged vote does not count
        byte[] forged = form(Map.of("payload", "{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"jikji_feedback_up\",\"value\":\"x\"}]}"));
        given().header("X-Slack-Request-Timestamp", now()).header("X-Slack-Signature", "v0=" + "0".repeat(64))
                .contentType(FORM).body(formBody(forged)).post("/slack/interactions").then().statusCode(401);
        assertThat(feedback.count(FeedbackRecorder.Vote.UP, FeedbackRecorder.Channel.SLACK)).isEqualTo(up + 2);
    }

    // --- helpers

    static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private static String ago(int seconds) {
        return String.valueOf(Instant.now().getEpochSecond() - seconds);
    }

    @Test
    void aReplayOfAnySignedRequestIsRefusedAndActedOnOnce() throws Exception {
        // a slash command sent twice: one answer through its response_url
        String hook = "replayed-command";
        byte[] command = form(Map.of("command", "/jikji", "text", KEY_QUESTION, "channel_id", "CREPLAY1", "user_id", "U0REPLAY",
                "response_url", FakeSlackServer.responseUrl(hook)));
        String ts = now();
        signed(command, FORM, ts).post("/slack/commands").then().statusCode(200);
        signed(command, FORM, ts).post("/slack/commands").then().statusCode(401).contentType("application/problem+json");
        // a vote sent three times: counted once
        long up = feedback.count(FeedbackRecorder.Vote.UP);
        byte[] vote = form(Map.of("payload", JSON.writeValueAsString(Map.of("type", "block_actions", "trigger_id", "TREPLAY",
                "user", Map.of("id", "U0REPLAY"), "channel", Map.of("id", "CREPLAY2"),
                "response_url", FakeSlackServer.responseUrl("replayed-vote"),
                "actions", List.of(Map.of("action_id", "jikji_feedback_up", "block_id", "jikji_feedback", "type", "button",
                        "value", "CREPLAY2/1700000600.000100"))))));
        signed(vote, FORM, ts).post("/slack/interactions").then().statusCode(200);
        signed(vote, FORM, ts).post("/slack/interactions").then().statusCode(401);
        signed(vote, FORM, ts).post("/slack/interactions").then().statusCode(401);
        assertThat(feedback.count(FeedbackRecorder.Vote.UP)).isEqualTo(up + 1);
        // an event without event_id sent twice: answered once
        String channel = "CREPLAY3";
        java.util.Map<String, Object> noId = new java.util.HashMap<>(JSON.readValue(
                mention("EvIgnored", channel, "1700000700.000100", null, "<@" + BOT + "> " + KEY_QUESTION), Map.class));
        noId.remove("event_id");
        byte[] event = JSON.writeValueAsBytes(noId);
        signed(event, "application/json", ts).post("/slack/events").then().statusCode(200);
        signed(event, "application/json", ts).post("/slack/events").then().statusCode(401);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        await(() -> FakeSlackServer.CALLS.stream().anyMatch(c -> c.path().endsWith("/" + hook)));
        Thread.sleep(1500);
        assertThat(FakeSlackServer.calls("chat.postMessage", channel)).hasSize(1);
        assertThat(FakeSlackServer.CALLS.stream().filter(c -> c.path().endsWith("/" + hook)).count()).isEqualTo(1);
    }

    static io.restassured.specification.RequestSpecification signed(byte[] body, String contentType, String timestamp) {
        io.restassured.specification.RequestSpecification spec = given().header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(FakeSlackServer.SIGNING_SECRET, timestamp, body)).contentType(contentType);
        return contentType.equals(FORM) ? spec.body(formBody(body)) : spec.body(body);
    }

    /**
     * RestAssured cannot send a byte[] as a form body; URL-encoded bytes are ASCII, so the String it sends
     * is byte for byte what was signed.
     */
    private static String formBody(byte[] body) {
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** Slack's v0 signature, computed here independently of the code under test. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] mention(String eventId, String channel, String ts, String threadTs, String text) {
        Map<String, Object> e = new java.util.HashMap<>(Map.of("type", "app_mention", "user", "U0HUMAN", "text", text,
                "ts", ts, "channel", channel, "event_ts", ts));
        if (threadTs != null) e.put("thread_ts", threadTs);
        return event(eventId, e);
    }

    private static byte[] event(String eventId, Map<String, ?> event) {
        try {
            return JSON.writeValueAsBytes(Map.of("token", "ignored", "team_id", "T1", "api_app_id", "A1",
                    "type", "event_callback", "event_id", eventId, "event_time", Instant.now().getEpochSecond(),
                    "authorizations", List.of(Map.of("enterprise_id", "", "team_id", "T1", "user_id", BOT, "is_bot", true)),
                    "event", event));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!b.isEmpty()) b.append('&');
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode findBlock(JsonNode blocks, String type) {
        for (JsonNode b : blocks) if (type.equals(b.path("type").asText())) return b;
        return null;
    }

    static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting; Slack calls so far: " + FakeSlackServer.CALLS);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
