package dev.jikji.slack;

import static dev.jikji.slack.SlackBotTest.BOT;
import static dev.jikji.slack.SlackBotTest.KEY_QUESTION;
import static dev.jikji.slack.SlackBotTest.await;
import static dev.jikji.slack.SlackBotTest.mention;
import static dev.jikji.slack.SlackBotTest.now;
import static dev.jikji.slack.SlackBotTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.api.CorpusFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The seam for several replicas: a bean implementing {@link EventDeduplicator} and {@link ReplayGuard} replaces the
 * in-memory defaults, and the Slack endpoints consult it. Its contents play what another replica left in a shared
 * store: an event that replica claimed is not answered here (Slack's retry reached the wrong pod).
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(SharedStoreSeamTest.SharedStoreProfile.class)
class SharedStoreSeamTest {

    public static class SharedStoreProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeSlackServer.class));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SharedStoreStandIn.class);
        }
    }

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    @Test
    void anEventAnotherReplicaClaimedIsNotAnsweredHereAndANewOneIsClaimedInTheSharedStore() throws Exception {
        String elsewhere = "CSHARED1";
        SharedStoreStandIn.EVENTS.put("EvClaimedElsewhere", Boolean.TRUE);
        signed(mention("EvClaimedElsewhere", elsewhere, "1700000900.000100", null, "<@" + BOT + "> " + KEY_QUESTION),
                "application/json", now()).header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_timeout")
                .post("/slack/events").then().statusCode(200);

        String here = "CSHARED2";
        int signaturesBefore = SharedStoreStandIn.SIGNATURES.size();
        signed(mention("EvFirstHere", here, "1700000901.000100", null, "<@" + BOT + "> " + KEY_QUESTION),
                "application/json", now()).post("/slack/events").then().statusCode(200);
        await(() -> FakeSlackServer.calls("chat.update", here).size() == 1);
        assertThat(SharedStoreStandIn.EVENTS).containsKey("EvFirstHere");
        assertThat(SharedStoreStandIn.SIGNATURES.size()).as("the replay guard is the shared bean too")
                .isGreaterThan(signaturesBefore);

        Thread.sleep(1500); // the claimed event had time to be answered, had it been
        assertThat(FakeSlackServer.calls("chat.postMessage", elsewhere)).isEmpty();
        assertThat(FakeSlackServer.calls("chat.update", elsewhere)).isEmpty();
    }
}
