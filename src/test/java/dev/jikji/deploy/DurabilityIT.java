package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash durability of the real packaged server: documents are ingested over HTTP in many small requests on
 * a few threads, the process is killed with SIGKILL while requests are in flight, and a new process is
 * started on the same data directory. The index must open; every document whose request got a 200 must be
 * there with the chunk count the response reported and the content hash it had before the crash (re-sending
 * it reports {@code unchanged}); and no document may be half visible: for each listed document, every one of
 * its chunks and no other is found, the index's chunk total equals the sum of the listed documents' chunk
 * counts, documents not listed have no searchable chunk, and search hits only reference listed documents.
 * Runs in the integration-test phase (Failsafe), after {@code package} built the jar.
 */
class DurabilityIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int THREADS = 3;
    static final int ACKED_BEFORE_KILL = 30;
    static final String COMMON = "durability";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** What the server answered 200 to: the chunks it reported, and the record read back right after. */
    record Acked(String id, String text, int chunks, String hash) {}

    @Test
    void acknowledgedDocumentsSurviveSigkillAndNoneIsHalfVisible() throws Exception {
        Path work = Manifests.ROOT.resolve("target/durability-it/" + ProcessHandle.current().pid());
        Path data = work.resolve("data");
        Files.createDirectories(work);

        Map<String, Acked> acked = new ConcurrentHashMap<>();
        Map<String, String> sent = new ConcurrentHashMap<>();
        AtomicInteger inFlightAtKill = new AtomicInteger(-1);
        AtomicInteger failedAfterKill = new AtomicInteger();
        long killedPid;
        AtomicInteger listedAfter = new AtomicInteger();

        try (ServerProcess first = ServerProcess.start(data, work.resolve("server-1.log"), List.of())) {
            killedPid = first.pid();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<java.util.concurrent.Future<Object>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int n = next.getAndIncrement();
                        // mostly one document per request, every fourth request an NDJSON batch of two
                        List<String> ids = n % 4 == 3 ? List.of(id(n, 0), id(n, 1)) : List.of(id(n, 0));
                        List<ObjectNode> docs = new ArrayList<>();
                        for (String docId : ids) {
                            String text = text(docId, n);
                            sent.put(docId, text);
                            docs.add(doc(docId, text));
                        }
                        inFlight.incrementAndGet();
                        try {
                            HttpResponse<String> r = ids.size() == 1
                                    ? first.post("/api/v1/documents", "application/json", JSON.writeValueAsString(docs.getFirst()))
                                    : first.post("/api/v1/documents", "application/x-ndjson", ndjson(docs));
                            if (r.statusCode() != 200) throw new AssertionError("ingest answered " + r.statusCode() + ": " + r.body());
                            for (JsonNode result : JSON.readTree(r.body()).path("results")) {
                                String docId = result.path("id").asText();
                                assertThat(result.path("status").asText()).isEqualTo("created");
                                JsonNode record = first.getJson("/api/v1/documents/" + enc(docId));
                                assertThat(record.path("chunks").asInt()).isEqualTo(result.path("chunks").asInt());
                                acked.put(docId, new Acked(docId, sent.get(docId), result.path("chunks").asInt(), record.path("hash").asText()));
                            }
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) Thread.sleep(20);
            // kill while requests are being processed
            while (inFlight.get() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            inFlightAtKill.set(inFlight.get());
            stop.set(true);
            first.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (var w : workers) w.get(); // an assertion failed in a worker fails the test
        }
        assertThat(acked.size()).as("documents acknowledged before the kill").isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
        assertThat(inFlightAtKill.get()).as("requests in flight at the kill").isPositive();
        assertThat(ProcessHandle.of(killedPid)).isEmpty();
        Map<String, Acked> ackedAtKill = Map.copyOf(acked);

        try (ServerProcess second = ServerProcess.start(data, work.resolve("server-2.log"), List.of())) {
            assertThat(Files.readString(second.log)).doesNotContain("Exception");
            // every listed document, by paging through the list
            Map<String, JsonNode> listed = new HashMap<>();
            String cursor = null;
            do {
                JsonNode page = second.getJson("/api/v1/documents?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
                page.path("documents").forEach(d -> listed.put(d.path("id").asText(), d));
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            listedAfter.set(listed.size());

            // 1. every acknowledged document is there, as it was acknowledged
            for (Acked a : ackedAtKill.values()) {
                JsonNode rec = listed.get(a.id());
                assertThat(rec).as("acknowledged document %s after the crash", a.id()).isNotNull();
                assertThat(rec.path("chunks").asInt()).as(a.id() + " chunks").isEqualTo(a.chunks());
                assertThat(rec.path("hash").asText()).as(a.id() + " hash").isEqualTo(a.hash());
                JsonNode shown = second.getJson("/api/v1/documents/" + enc(a.id()));
                assertThat(shown.path("hash").asText()).isEqualTo(a.hash());
            }
            // 2. the index's totals agree with the list: no chunk without its document record, nor the reverse
            int chunkSum = listed.values().stream().mapToInt(d -> d.path("chunks").asInt()).sum();
            assertThat(gauge("jikji_index_documents", second)).isEqualTo(listed.size());
            assertThat(gauge("jikji_index_chunks", second)).as("chunks in the index = sum of listed documents' chunks").isEqualTo(chunkSum);
            // listed but unacknowledged documents are ones whose requests were in flight: sent, whole, by us
            assertThat(sent.keySet()).containsAll(listed.keySet());

            // 3. each listed document: all of its chunks are searchable, and only its own
            for (JsonNode rec : listed.values()) {
                String docId = rec.path("id").asText();
                Set<String> chunkIds = chunkIdsOf(docId, second);
                assertThat(chunkIds).as("searchable chunks of " + docId).hasSize(rec.path("chunks").asInt());
                for (String c : chunkIds) assertThat(c).startsWith(docId + "#");
            }
            // 4. documents sent but not listed left nothing searchable
            int probed = 0;
            for (String docId : sent.keySet()) {
                if (listed.containsKey(docId) || probed++ >= 20) continue;
                assertThat(chunkIdsOf(docId, second)).as("chunks of the unlisted " + docId).isEmpty();
            }
            // 5. a search across everything only finds listed documents
            JsonNode all = search(COMMON + " record", 100, null, second);
            assertThat(all.path("hits").size()).isPositive();
            for (JsonNode hit : all.path("hits")) assertThat(listed).containsKey(hit.path("documentId").asText());

            // 6. re-sending an acknowledged document changes nothing: its stored content hash is exactly this content's
            int resent = 0;
            for (Acked a : ackedAtKill.values()) {
                if (resent++ >= 10) break;
                HttpResponse<String> r = second.post("/api/v1/documents", "application/json", JSON.writeValueAsString(doc(a.id(), a.text())));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).path("results").get(0).path("status").asText()).as(a.id()).isEqualTo("unchanged");
            }
            // 7. and the restarted server takes new writes and stops cleanly (SIGTERM), keeping them
            HttpResponse<String> r = second.post("/api/v1/documents", "application/json", JSON.writeValueAsString(doc("after/crash", text("after/crash", 7))));
            assertThat(r.statusCode()).isEqualTo(200);
            second.stop();
        }
        try (ServerProcess third = ServerProcess.start(data, work.resolve("server-3.log"), List.of())) {
            assertThat(third.getJson("/api/v1/documents/after%2Fcrash").path("id").asText()).isEqualTo("after/crash");
        }
        System.out.printf("DurabilityIT: %d documents acknowledged, %d requests in flight at SIGKILL, %d failed after it;"
                + " %d documents listed after the restart, %d sent%n",
                ackedAtKill.size(), inFlightAtKill.get(), failedAfterKill.get(), listedAfter.get(), sent.size());
        LuceneDelete.deleteRecursively(data);
    }

    private Set<String> chunkIdsOf(String docId, ServerProcess s) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode hit : search(token(docId) + " " + COMMON, 100, List.of(docId), s).path("hits")) {
            assertThat(hit.path("documentId").asText()).isEqualTo(docId);
            ids.add(hit.path("chunkId").asText());
        }
        return ids;
    }

    /** One gauge of /q/metrics on the management port (health carries no counts). */
    private long gauge(String name, ServerProcess s) throws Exception {
        String text = http.send(HttpRequest.newBuilder(s.managementUri("/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name + " in /q/metrics");
    }

    private JsonNode search(String query, int topK, List<String> documentIds, ServerProcess s) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("query", query).put("topK", topK);
        if (documentIds != null) {
            ArrayNode ids = body.putObject("filter").putArray("documentIds");
            documentIds.forEach(ids::add);
        }
        HttpResponse<String> r = s.post("/api/v1/search", "application/json", JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String id(int request, int item) {
        return "crash/doc-" + request + "-" + item;
    }

    /** A word only this document holds (letters only, so every analyzer keeps it whole). */
    static String token(String docId) {
        StringBuilder sb = new StringBuilder("zq");
        for (char c : docId.toCharArray()) {
            if (Character.isDigit(c)) sb.append((char) ('a' + (c - '0')));
            else if (c == '-') sb.append('x');
        }
        return sb.toString();
    }

    /** One to three paragraphs (so one to several chunks), each naming the document's own word. */
    static String text(String docId, int n) {
        String tok = token(docId);
        StringBuilder sb = new StringBuilder("# Record " + tok + "\n\n");
        int paragraphs = 1 + Math.floorMod(n, 3);
        for (int p = 0; p < paragraphs; p++) {
            for (int s = 0; s < 9; s++) {
                sb.append("The ").append(COMMON).append(" record ").append(tok).append(" keeps paragraph ").append(p)
                        .append(" sentence ").append(s).append(" about replicated storage, careful commits and recovery after power loss. ");
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    static ObjectNode doc(String docId, String text) {
        ObjectNode d = JSON.createObjectNode().put("id", docId).put("title", "Record " + token(docId)).put("contentType", "text/markdown")
                .put("text", text);
        d.putObject("metadata").put("suite", "durability");
        return d;
    }

    static String ndjson(List<ObjectNode> docs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode d : docs) sb.append(JSON.writeValueAsString(d)).append('\n');
        return sb.toString();
    }

    /** Recursive delete of the test's data once it passed (a failed run keeps it for inspection). */
    static final class LuceneDelete {
        static void deleteRecursively(Path dir) throws IOException {
            dev.jikji.index.LuceneIndex.deleteRecursively(dir);
        }
    }
}
