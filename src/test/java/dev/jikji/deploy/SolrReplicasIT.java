package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jikji.index.solr.SolrClaims;
import dev.jikji.slack.FakeSlackServer;
import dev.jikji.slack.SlackSignatureVerifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged Jikji processes on one SolrCloud collection, as two pods behind one Service: writes through one are
 * searched and read through the other; a Slack retry (same {@code event_id}, validly signed) sent to the other
 * process is answered once (the loopback Slack stand-in sees one reply); a signed request replayed to the other
 * process is refused; the claims store itself lets exactly one of many concurrent claimers win and expires claims;
 * and {@code kill -9} of one process in the middle of a bulk ingest loses no acknowledged document (checked through
 * the survivor). Runs in the integration-test phase (Failsafe), after {@code package}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String COLLECTION = "jikji_replicas";

    static SolrCluster cluster;
    static FakeSlackServer slack;
    static ServerProcess a;
    static ServerProcess b;
    static Path work;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final SlackSignatureVerifier signer = new SlackSignatureVerifier(FakeSlackServer.SIGNING_SECRET, Duration.ofMinutes(5));

    @BeforeAll
    static void startClusterAndTwoReplicas() throws Exception {
        long t0 = System.nanoTime();
        work = Manifests.ROOT.resolve("target/solr-replicas-it/" + ProcessHandle.current().pid());
        cluster = SolrCluster.start(work.resolve("solr"), 2);
        slack = new FakeSlackServer();
        Map<String, String> slackConfig = slack.start();
        List<String> props = new ArrayList<>(List.of(
                "-Djikji.index.kind=solrcloud",
                "-Djikji.index.solr.urls=" + String.join(",", cluster.urls),
                "-Djikji.index.solr.collection=" + COLLECTION,
                "-Djikji.index.solr.shards=2",
                "-Djikji.index.solr.replicas=2"));
        slackConfig.forEach((k, v) -> props.add("-D" + k + "=" + v));
        // one after the other: the first creates the collections, the second finds them
        a = ServerProcess.start(work.resolve("data-a"), work.resolve("server-a.log"), props);
        b = ServerProcess.start(work.resolve("data-b"), work.resolve("server-b.log"), props);
        System.out.printf("SolrReplicasIT: cluster and two replicas ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (slack != null) slack.stop();
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void theFirstReplicaMakesTheCollectionsAndTheSecondFindsThem() throws Exception {
        assertThat(Files.readString(a.log)).contains("Created SolrCloud collection " + COLLECTION + "_1 (")
                .contains("Created SolrCloud collection " + COLLECTION + "_claims (");
        assertThat(Files.readString(b.log)).doesNotContain("Created SolrCloud collection");
    }

    @Test
    @Order(2)
    void aWriteThroughOneReplicaIsSearchedAndReadThroughTheOther() throws Exception {
        ingest(a, DurabilityIT.doc("replicas/otter", "# Otters\n\nSea otters hold hands while they sleep so they do not drift apart."));
        JsonNode hits = search(b, "why do sea otters hold hands");
        assertThat(hits.path("hits").size()).as(hits.toString()).isPositive();
        assertThat(hits.path("hits").get(0).path("documentId").asText()).isEqualTo("replicas/otter");
        JsonNode record = b.getJson("/api/v1/documents/replicas%2Fotter");
        assertThat(record.path("id").asText()).isEqualTo("replicas/otter");
        assertThat(record.path("chunks").asInt()).isPositive();

        // and the other way: a delete through the second is gone for the first
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(b.uri("/api/v1/documents/replicas%2Fotter")).DELETE()
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isBetween(200, 204);
        assertThat(http.send(HttpRequest.newBuilder(a.uri("/api/v1/documents/replicas%2Fotter")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aSlackRetryThatReachesTheOtherReplicaIsAnsweredOnce() throws Exception {
        String channel = "CREPLICA1";
        byte[] event = mention("EvReplicaRetry1", channel, "1700001000.000100");
        assertThat(slackPost(a, event, now(), null).statusCode()).isEqualTo(200);
        await(() -> FakeSlackServer.calls("chat.update", channel).size() == 1);
        // Slack's retry: the same payload, signed anew (a new timestamp), to the other pod
        HttpResponse<String> retry = slackPost(b, event, Long.toString(Instant.now().getEpochSecond() + 1), "1");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);

        // the control: the second replica does answer an event it has not seen
        String other = "CREPLICA2";
        assertThat(slackPost(b, mention("EvReplicaFresh2", other, "1700001001.000100"), now(), null).statusCode()).isEqualTo(200);
        await(() -> FakeSlackServer.calls("chat.update", other).size() == 1);
        Thread.sleep(1000); // the retry had as long again to be answered, had it been
        assertThat(FakeSlackServer.calls("chat.postMessage", channel)).as("replies to the retried event").hasSize(1);
        assertThat(FakeSlackServer.calls("chat.update", channel)).hasSize(1);
        for (ServerProcess s : List.of(a, b)) {
            assertThat(Files.readString(s.log)).contains("Slack event ids are claimed in the index's shared store");
        }
    }

    @Test
    @Order(4)
    void aSignedRequestReplayedToTheOtherReplicaIsRefused() throws Exception {
        byte[] body = "{\"token\":\"x\",\"challenge\":\"replica-challenge\",\"type\":\"url_verification\"}".getBytes(StandardCharsets.UTF_8);
        String ts = now();
        HttpResponse<String> first = slackPost(a, body, ts, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("replica-challenge");
        HttpResponse<String> replay = slackPost(b, body, ts, null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
        assertThat(replay.body()).contains("replay");
        // the same request signed anew is not a replay: accepted by the second replica
        assertThat(slackPost(b, body, Long.toString(Instant.now().getEpochSecond() + 2), null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void ofManyConcurrentClaimersExactlyOneWinsAndExpiredClaimsAreTakenOverAndPurged() throws Exception {
        try (SolrClient client = new CloudHttp2SolrClient.Builder(cluster.urls).build()) {
            SolrClaims claims = SolrClaims.prepare(client, "claims_it", 2, Duration.ofSeconds(1));
            Instant now = Instant.now();
            for (int round = 0; round < 3; round++) {
                String key = "race-" + round;
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Callable<Boolean>> claimers = new ArrayList<>();
                for (int i = 0; i < 8; i++) claimers.add(() -> claims.claim(key, now, Duration.ofHours(1)));
                int won = 0;
                for (Future<Boolean> f : pool.invokeAll(claimers)) if (f.get()) won++;
                pool.shutdown();
                assertThat(won).as("claimers of " + key + " that won").isEqualTo(1);
            }
            // an expired claim is taken over once, then held again
            assertThat(claims.claim("short", now, Duration.ofSeconds(1))).isTrue();
            assertThat(claims.claim("short", now, Duration.ofSeconds(1))).isFalse();
            Instant later = now.plusSeconds(2);
            assertThat(claims.claim("short", later, Duration.ofHours(1))).isTrue();
            assertThat(claims.claim("short", later, Duration.ofHours(1))).isFalse();
            // Solr purges what expired: write claims that are already past, watch them go
            for (int i = 0; i < 5; i++) assertThat(claims.claim("gone-" + i, now.minusSeconds(60), Duration.ofSeconds(1))).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long left;
            do {
                Thread.sleep(500);
                left = client.query("claims_it", new SolrQuery("id:gone-*").setRows(0)).getResults().getNumFound();
            } while (left > 0 && System.nanoTime() < deadline);
            assertThat(left).as("expired claims left after Solr's purge").isZero();
            for (int round = 0; round < 3; round++) {
                assertThat((Object) client.getById("claims_it", "race-" + round)).as("live claim race-" + round + " kept").isNotNull();
                assertThat(claims.claim("race-" + round, Instant.now(), Duration.ofHours(1))).isFalse();
            }
        }
    }

    /** What the killed replica answered 200 to, and the record it read back. */
    record Acked(String id, int chunks, String hash) {}

    @Test
    @Order(6)
    void killingOneReplicaMidBulkIngestLosesNoAcknowledgedDocument() throws Exception {
        Map<String, Acked> acked = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger failedAfterKill = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Object>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    int n = next.getAndIncrement();
                    String id = "bulk/doc-" + n;
                    inFlight.incrementAndGet();
                    try {
                        HttpResponse<String> r = a.post("/api/v1/documents", "application/json",
                                JSON.writeValueAsString(DurabilityIT.doc(id, DurabilityIT.text(id, n))));
                        if (r.statusCode() != 200) throw new AssertionError("ingest answered " + r.statusCode() + ": " + r.body());
                        JsonNode result = JSON.readTree(r.body()).path("results").get(0);
                        assertThat(result.path("status").asText()).isEqualTo("created");
                        JsonNode record = a.getJson("/api/v1/documents/" + DurabilityIT.enc(id));
                        acked.put(id, new Acked(id, result.path("chunks").asInt(), record.path("hash").asText()));
                    } catch (IOException e) {
                        if (!stop.get()) throw new IllegalStateException("request failed before the kill", e);
                        failedAfterKill.incrementAndGet();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (acked.size() < 20 && System.nanoTime() < deadline) Thread.sleep(20);
        while (inFlight.get() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        int inFlightAtKill = inFlight.get();
        stop.set(true);
        a.kill();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<Object> w : workers) w.get();
        Map<String, Acked> ackedAtKill = Map.copyOf(acked);
        assertThat(ackedAtKill.size()).as("documents acknowledged before the kill").isGreaterThanOrEqualTo(20);
        assertThat(inFlightAtKill).as("requests in flight at the kill").isPositive();

        // the survivor sees every acknowledged document, as acknowledged
        for (Acked d : ackedAtKill.values()) {
            JsonNode record = b.getJson("/api/v1/documents/" + DurabilityIT.enc(d.id()));
            assertThat(record.path("chunks").asInt()).as(d.id() + " chunks").isEqualTo(d.chunks());
            assertThat(record.path("hash").asText()).as(d.id() + " hash").isEqualTo(d.hash());
        }
        JsonNode page = b.getJson("/api/v1/documents?prefix=bulk/&limit=1");
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(ackedAtKill.size()).isLessThanOrEqualTo(next.get());
        // and keeps answering searches and taking writes
        String probe = ackedAtKill.keySet().iterator().next();
        List<String> found = new ArrayList<>();
        search(b, DurabilityIT.token(probe) + " " + DurabilityIT.COMMON).path("hits").forEach(h -> found.add(h.path("documentId").asText()));
        assertThat(found).contains(probe);
        ingest(b, DurabilityIT.doc("bulk/after-kill", DurabilityIT.text("bulk/after-kill", 1)));
        System.out.printf("SolrReplicasIT: %d documents acknowledged by the killed replica, %d requests in flight at SIGKILL,"
                + " %d failed after it; %d listed through the survivor%n",
                ackedAtKill.size(), inFlightAtKill, failedAfterKill.get(), page.path("total").asInt());
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static byte[] mention(String eventId, String channel, String ts) throws IOException {
        Map<String, Object> event = Map.of("type", "app_mention", "user", "U0HUMAN", "text", "<@U0JIKJIBOT> How do otters sleep?",
                "ts", ts, "channel", channel, "event_ts", ts);
        return JSON.writeValueAsBytes(Map.of("token", "ignored", "team_id", "T1", "api_app_id", "A1", "type", "event_callback",
                "event_id", eventId, "event_time", Instant.now().getEpochSecond(),
                "authorizations", List.of(Map.of("team_id", "T1", "user_id", "U0JIKJIBOT", "is_bot", true)), "event", event));
    }

    private HttpResponse<String> slackPost(ServerProcess s, byte[] body, String timestamp, String retryNum) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri("/slack/events")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signer.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (retryNum != null) r.header("X-Slack-Retry-Num", retryNum).header("X-Slack-Retry-Reason", "http_timeout");
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out; Slack calls so far: " + FakeSlackServer.CALLS);
            Thread.sleep(50);
        }
    }

    private void ingest(ServerProcess s, ObjectNode doc) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/documents", "application/json", JSON.writeValueAsString(doc));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("results").get(0).path("status").asText()).as(r.body()).isNotEqualTo("failed");
    }

    private JsonNode search(ServerProcess s, String query) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/search", "application/json", JSON.writeValueAsString(JSON.createObjectNode().put("query", query).put("topK", 5)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
