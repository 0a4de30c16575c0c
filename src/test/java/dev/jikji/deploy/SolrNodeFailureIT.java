package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a Solr node in the middle of a bulk ingest through the packaged server
 * ({@code jikji.index.kind=solrcloud}): ZooKeeper and three Solr nodes, each in a JVM of its own, a collection of
 * 2 shards x 2 replicas (every shard has a copy on two nodes, so it survives one). One client ingests documents one
 * request at a time while another searches; the node holding a shard leader is killed once 30 documents are in.
 * Afterwards every document the server acknowledged (2xx) is there, by its record and by search; requests that
 * failed while the cluster failed over were 503 problems that name the cause and carry no address or credential;
 * searches and ingests succeed again within the failover the cluster documents (a dead node's ZooKeeper session
 * expires after {@code zkClientTimeout}, 30 s, then a replica takes over as leader). The times from the kill until
 * searches and ingests succeed again are printed.
 */
class SolrNodeFailureIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String COLLECTION = "jikji_failover";
    /** Sent to Solr as basic auth (the test cluster has no security.json and ignores it): must never leak. */
    static final String SOLR_PASSWORD = "solr-failover-secret-7f3a";
    static final int BEFORE_KILL = 30;
    /** Zookeeper's session time-out (30 s) plus Solr's leader vote wait and recovery, with room for 2 loaded cores. */
    static final Duration FAILOVER_ALLOWANCE = Duration.ofSeconds(120);

    static SolrCluster cluster;
    static ServerProcess server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Outcome(long atNanos, int status, String body, String contentType) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    @BeforeAll
    static void startClusterAndServer() throws Exception {
        Path work = Manifests.ROOT.resolve("target/solr-failover-it/" + ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        cluster = SolrCluster.startSeparate(work.resolve("solr"), 3);
        System.out.printf("SolrNodeFailureIT: ZooKeeper and 3 Solr JVMs up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        server = ServerProcess.start(work.resolve("data"), work.resolve("server.log"), List.of(
                "-Djikji.index.kind=solrcloud",
                "-Djikji.index.solr.urls=" + String.join(",", cluster.urls),
                "-Djikji.index.solr.collection=" + COLLECTION,
                "-Djikji.index.solr.shards=2",
                "-Djikji.index.solr.replicas=2",
                "-Djikji.index.solr.timeout=20s",
                "-Djikji.index.solr.username=jikji",
                "-Djikji.index.solr.password=" + SOLR_PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void aKilledSolrNodeLosesNoAcknowledgedDocumentAndQueriesGoOn() throws Exception {
        int victim = nodeHoldingALeader();
        ConcurrentLinkedQueue<Outcome> searches = new ConcurrentLinkedQueue<>();
        List<Outcome> ingests = new ArrayList<>(); // index i: document i; guarded by itself
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> writer = pool.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
                Outcome o = ingest(i);
                synchronized (ingests) {
                    ingests.add(o);
                    ingests.notifyAll();
                }
            }
            return null;
        });
        Future<?> reader = pool.submit(() -> {
            while (!stop.get()) {
                searches.add(search("장애 조치 시험 기록"));
                Thread.sleep(100);
            }
            return null;
        });

        long killedAt;
        try {
            awaitAcknowledged(ingests, BEFORE_KILL, Duration.ofSeconds(120));
            cluster.kill(victim);
            killedAt = System.nanoTime();
            System.out.printf("SolrNodeFailureIT: kill -9 of Solr node %d (%s, leader of a shard) after %d ingests%n",
                    victim, cluster.nodeName(victim), countOk(snapshot(ingests)));
            // until both kinds of request have worked again for a while after their last failure, or the allowance is spent
            long deadline = killedAt + FAILOVER_ALLOWANCE.toNanos();
            while (System.nanoTime() < deadline && !(recoveredFor(snapshot(ingests), killedAt, 10)
                    && recoveredFor(new ArrayList<>(searches), killedAt, 10) && System.nanoTime() - killedAt > TimeUnit.SECONDS.toNanos(5))) {
                Thread.sleep(200);
            }
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        writer.get(90, TimeUnit.SECONDS);
        reader.get(90, TimeUnit.SECONDS);

        List<Outcome> writes = snapshot(ingests);
        List<Outcome> reads = new ArrayList<>(searches);
        report("ingest", writes, killedAt);
        report("search", reads, killedAt);

        // what failed, failed as a 503 problem naming the cause, without an address or a credential
        for (Outcome o : concat(writes, reads)) {
            if (o.ok()) continue;
            assertThat(o.status()).as(o.body()).isEqualTo(503);
            assertThat(o.contentType()).as(o.body()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(o.body());
            assertThat(problem.path("title").asText()).isEqualTo("Index unavailable");
            assertThat(problem.path("detail").asText()).contains("index cluster").contains("SolrCloud")
                    .doesNotContain("127.0.0.1").doesNotContain("http").doesNotContain(SOLR_PASSWORD);
        }
        assertThat(Files.readString(server.log)).doesNotContain(SOLR_PASSWORD);
        // both recovered within the allowance, and kept working
        assertThat(recoveredFor(writes, killedAt, 10)).as("ingests work again after the kill").isTrue();
        assertThat(recoveredFor(reads, killedAt, 10)).as("searches work again after the kill").isTrue();

        // every acknowledged document is there: its record, and search finds it by its own word
        List<Integer> acknowledged = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) if (writes.get(i).ok()) acknowledged.add(i);
        assertThat(acknowledged.size()).isGreaterThan(BEFORE_KILL);
        List<String> missing = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (int i : acknowledged) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(server.uri("/api/v1/documents/" + id(i).replace("/", "%2F"))).GET());
            if (r.statusCode() != 200) missing.add(id(i) + " (" + r.statusCode() + ")");
            Outcome s = search(word(i));
            if (!s.ok() || !hitIds(JSON.readTree(s.body())).contains(id(i))) notFound.add(id(i));
        }
        assertThat(missing).as("acknowledged documents without a record").isEmpty();
        assertThat(notFound).as("acknowledged documents search does not find").isEmpty();
        JsonNode listed = JSON.readTree(send(HttpRequest.newBuilder(server.uri("/api/v1/documents?prefix=failover/&limit=1")).GET()).body());
        assertThat(listed.path("total").asInt()).isGreaterThanOrEqualTo(acknowledged.size());
    }

    /** The node of the first shard leader CLUSTERSTATUS names: killing it makes the cluster elect a new leader. */
    private int nodeHoldingALeader() throws Exception {
        JsonNode status = SolrCluster.clusterStatus(cluster.urls.getFirst()).path("cluster");
        // the configured name is an alias over the versioned collection Jikji made
        JsonNode shards = status.path("collections").path(status.path("aliases").path(COLLECTION).asText()).path("shards");
        for (Iterator<Map.Entry<String, JsonNode>> s = shards.fields(); s.hasNext(); ) {
            for (Iterator<JsonNode> r = s.next().getValue().path("replicas").elements(); r.hasNext(); ) {
                JsonNode replica = r.next();
                if (replica.path("leader").asBoolean()) {
                    String node = replica.path("node_name").asText();
                    for (int i = 0; i < cluster.urls.size(); i++) if (cluster.nodeName(i).equals(node)) return i;
                }
            }
        }
        throw new IllegalStateException("no shard leader in " + shards);
    }

    /** Whether, after the kill, the last {@code n} requests all worked (and there were at least n). */
    private static boolean recoveredFor(List<Outcome> outcomes, long killedAt, int n) {
        List<Outcome> after = outcomes.stream().filter(o -> o.atNanos() > killedAt).toList();
        if (after.size() < n) return false;
        return after.subList(after.size() - n, after.size()).stream().allMatch(Outcome::ok);
    }

    /** Prints how many failed after the kill, and when the first request after the last failure worked. */
    private static void report(String what, List<Outcome> outcomes, long killedAt) {
        List<Outcome> after = outcomes.stream().filter(o -> o.atNanos() > killedAt).toList();
        long failed = after.stream().filter(o -> !o.ok()).count();
        int lastFailure = -1;
        for (int i = 0; i < after.size(); i++) if (!after.get(i).ok()) lastFailure = i;
        Outcome back = lastFailure + 1 < after.size() ? after.get(lastFailure + 1) : null;
        System.out.printf("SolrNodeFailureIT: %s: %d before the kill, %d after (%d failed: %s); working again %s%n", what,
                outcomes.size() - after.size(), after.size(), failed,
                after.stream().filter(o -> !o.ok()).map(o -> Integer.toString(o.status())).distinct().toList(),
                back == null ? "never" : String.format("%.1f s after the kill", (back.atNanos() - killedAt) / 1e9));
        after.stream().filter(o -> !o.ok()).map(Outcome::body).distinct().limit(2)
                .forEach(b -> System.out.printf("SolrNodeFailureIT: %s failure: %s%n", what, b));
    }

    private void awaitAcknowledged(List<Outcome> ingests, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (ingests) {
            while (countOk(new ArrayList<>(ingests)) < n) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("only " + ingests.size() + " ingests in " + timeout);
                ingests.wait(500);
            }
        }
    }

    private static List<Outcome> snapshot(List<Outcome> ingests) {
        synchronized (ingests) {
            return new ArrayList<>(ingests);
        }
    }

    private static long countOk(List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::ok).count();
    }

    private static List<Outcome> concat(List<Outcome> a, List<Outcome> b) {
        List<Outcome> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String id(int i) {
        return "failover/doc-" + i;
    }

    /** A made-up word of letters only, one per document, for search to find it by. */
    static String word(int i) {
        StringBuilder w = new StringBuilder("qzv");
        do {
            w.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return w.toString();
    }

    private Outcome ingest(int i) throws Exception {
        ObjectNode d = JSON.createObjectNode().put("id", id(i)).put("title", "장애 조치 " + i).put("contentType", "text/markdown")
                .put("text", "# 장애 조치 시험 기록 " + i + "\n\n노드가 죽어도 승인된 문서는 남는다. Failover ledger entry " + word(i) + ".");
        return post("/api/v1/documents", d);
    }

    private Outcome search(String query) throws Exception {
        return post("/api/v1/search", JSON.createObjectNode().put("query", query).put("topK", 5));
    }

    private Outcome post(String path, JsonNode body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        int status = r.statusCode();
        // an ingest answers 200 with a per-document status: a "failed" document was not acknowledged
        if (status == 200 && path.endsWith("/documents")
                && "failed".equals(JSON.readTree(r.body()).path("results").path(0).path("status").asText())) {
            status = 599;
        }
        return new Outcome(System.nanoTime(), status, r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    private static List<String> hitIds(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("hits").forEach(h -> out.add(h.path("documentId").asText()));
        return out;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
