package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jikji.auth.ApiKey;
import dev.jikji.auth.Role;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged server on a real SolrCloud ({@code jikji.index.kind=solrcloud}): an embedded ZooKeeper and two Solr
 * nodes in a JVM of their own (Solr 9, Lucene 9), a collection of 2 shards x 2 replicas that Jikji creates with its
 * configset. Over HTTP, as a client would: ingest, upsert, delete and list; Korean and English search; ACL filtering
 * inside the legs; an answer with citations. Runs in the integration-test phase (Failsafe), after {@code package}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrCloudIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "solr-it-admin-key-1";
    static final String STAFF = "solr-it-staff-key-2";
    static final String PUBLIC = "solr-it-public-key-3";

    static String keys;
    static SolrCluster cluster;
    static ServerProcess server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startClusterAndServer() throws Exception {
        Path work = Manifests.ROOT.resolve("target/solrcloud-it/" + ProcessHandle.current().pid());
        cluster = SolrCluster.start(work.resolve("solr"), 2);
        keys = ApiKey.line("admin", ADMIN, Set.of(Role.READ, Role.WRITE), Set.of(ApiKey.ALL_GROUPS)) + ";"
                + ApiKey.line("staff", STAFF, Set.of(Role.READ), Set.of("staff")) + ";"
                + ApiKey.line("public", PUBLIC, Set.of(Role.READ), Set.of());
        server = ServerProcess.start(work.resolve("data"), work.resolve("server.log"), List.of(
                "-Djikji.index.kind=solrcloud",
                "-Djikji.index.solr.urls=" + String.join(",", cluster.urls),
                "-Djikji.index.solr.collection=jikji_it",
                "-Djikji.index.solr.shards=2",
                "-Djikji.index.solr.replicas=2",
                "-Djikji.auth.enabled=true",
                "-Djikji.auth.keys=" + keys));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void theCollectionIsMadeWithTheProjectsConfigsetAndTheLogSaysSo() throws Exception {
        // the configured name is an alias over versioned collections, so that a re-index can switch it
        assertThat(Files.readString(server.log)).contains("Created SolrCloud collection jikji_it_1 (2 shards x 2 replicas")
                .contains("SolrCloud alias jikji_it now points at jikji_it_1")
                .contains("Index: SolrCloud collection jikji_it_1 (alias jikji_it)");
    }

    @Test
    @Order(2)
    void ingestSearchesKoreanAndEnglishAndListsByPrefix() throws Exception {
        JsonNode r = ingest(doc("solr/ko-deploy", "배포 절차",
                "# 배포 절차\n\n새 버전의 생성은 빌드 서버가 맡는다. 배포 전에 카나리 인스턴스에서 오류율을 확인한다.", null));
        assertThat(r.path("results").get(0).path("status").asText()).isEqualTo("created");
        ingest(doc("solr/en-rollback", "Rollback",
                "# Rollback\n\nA canary release is rolled back by routing traffic to the previous deployment.", null));
        ingest(doc("other/en-puffins", "Puffins", "Puffins nest in burrows on grassy cliffs.", null));

        // Nori with the project's user dictionary: the question's 생성 meets the text's 생성은
        assertThat(topDocument(search("생성 담당 서버가 어디인가요?", ADMIN))).isEqualTo("solr/ko-deploy");
        // English: stemmed (rolled back / rollback, releases / release)
        assertThat(topDocument(search("how are canary releases rolled back", ADMIN))).isEqualTo("solr/en-rollback");

        JsonNode page = getJson("/api/v1/documents?prefix=solr/&limit=1", ADMIN);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("documents").get(0).path("id").asText()).isEqualTo("solr/en-rollback");
        JsonNode next = getJson("/api/v1/documents?prefix=solr/&limit=1&cursor=" + page.path("nextCursor").asText(), ADMIN);
        assertThat(next.path("documents").get(0).path("id").asText()).isEqualTo("solr/ko-deploy");
        assertThat(next.path("nextCursor").isMissingNode() || next.path("nextCursor").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void anUpsertReplacesEveryChunkAndADeleteRemovesThem() throws Exception {
        String before = "The walrus protocol has three steps. First the tusks are counted.";
        ingest(doc("solr/upsert", "Walrus", before, null));
        assertThat(topDocument(search("walrus tusks counted", ADMIN))).isEqualTo("solr/upsert");
        String after = "The narwhal protocol replaced it. Only horns are measured now.";
        JsonNode r = ingest(doc("solr/upsert", "Narwhal", after, null));
        assertThat(r.path("results").get(0).path("status").asText()).isEqualTo("updated");
        // the vector leg returns the nearest chunks whatever they say: no hit may carry the old text
        assertThat(hitTexts(search("walrus tusks counted", ADMIN))).noneMatch(t -> t.contains("walrus"));
        assertThat(topDocument(search("narwhal horns measured", ADMIN))).isEqualTo("solr/upsert");
        JsonNode record = getJson("/api/v1/documents/solr%2Fupsert?chunks=true", ADMIN);
        assertThat(record.path("title").asText()).isEqualTo("Narwhal");
        // the record and the chunks agree: the new block only, none of the old chunks
        assertThat(record.path("chunkList").size()).isEqualTo(record.path("chunks").asInt()).isPositive();
        record.path("chunkList").forEach(c -> assertThat(c.path("text").asText()).doesNotContain("walrus"));
        // re-sending the same content changes nothing
        assertThat(ingest(doc("solr/upsert", "Narwhal", after, null)).path("results").get(0).path("status").asText())
                .isEqualTo("unchanged");

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(server.uri("/api/v1/documents/solr%2Fupsert")).DELETE(), ADMIN);
        assertThat(deleted.statusCode()).isBetween(200, 204);
        assertThat(send(HttpRequest.newBuilder(server.uri("/api/v1/documents/solr%2Fupsert")).GET(), ADMIN).statusCode())
                .isEqualTo(404);
        assertThat(hitIds(search("narwhal horns measured", ADMIN))).doesNotContain("solr/upsert");
    }

    @Test
    @Order(4)
    void aclFiltersEveryLegAndTheRecords() throws Exception {
        ingest(doc("solr/salary", "Salary bands", "Salary bands for staff are reviewed every spring by the pay board.",
                List.of("staff")));
        ingest(doc("solr/salary-public", "Salary survey", "The public salary survey is published every autumn.", null));
        assertThat(hitIds(search("salary bands reviewed", STAFF))).contains("solr/salary", "solr/salary-public");
        List<String> publicHits = hitIds(search("salary bands reviewed", PUBLIC));
        assertThat(publicHits).contains("solr/salary-public").doesNotContain("solr/salary");
        assertThat(send(HttpRequest.newBuilder(server.uri("/api/v1/documents/solr%2Fsalary")).GET(), PUBLIC).statusCode())
                .isEqualTo(404);
        assertThat(getJson("/api/v1/documents?prefix=solr/salary", PUBLIC).path("total").asInt()).isEqualTo(1);
        assertThat(getJson("/api/v1/documents?prefix=solr/salary", STAFF).path("total").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void askAnswersWithCitationsFromTheCollection() throws Exception {
        ObjectNode q = JSON.createObjectNode().put("question", "How is a canary release rolled back?");
        JsonNode answer = JSON.readTree(post("/api/v1/ask", q, ADMIN).body());
        assertThat(answer.path("citations").size()).as(answer.toString()).isPositive();
        assertThat(answer.path("citations").get(0).path("documentId").asText()).isEqualTo("solr/en-rollback");
        assertThat(answer.path("answer").asText()).containsIgnoringCase("previous deployment");
    }

    /**
     * Another analysis (Nori's decompound mode, so another configset and model record): refused by default; with
     * {@code on-model-mismatch=reindex} rebuilt into {@code jikji_it_2} from the originals {@code jikji_it_1}
     * stores while the first server keeps answering from it, then the alias is switched; the first server, whose
     * analysis no longer fits, keeps reading but has its writes refused (503), and the old collection is kept.
     */
    @Test
    @Order(6)
    void anotherAnalysisIsRefusedOrRebuiltIntoANewCollectionBehindTheAlias() throws Exception {
        Path work = Manifests.ROOT.resolve("target/solrcloud-it/" + ProcessHandle.current().pid());
        List<String> mixed = new ArrayList<>(List.of("-Djikji.index.kind=solrcloud",
                "-Djikji.index.solr.urls=" + String.join(",", cluster.urls), "-Djikji.index.solr.collection=jikji_it",
                "-Djikji.auth.enabled=true", "-Djikji.auth.keys=" + keys, "-Djikji.search.nori-decompound-mode=mixed",
                "-Djikji.search." + synonyms()));
        int before = getJson("/api/v1/documents?prefix=solr/", ADMIN).path("total").asInt();
        assertThat(before).isGreaterThanOrEqualTo(4);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                ServerProcess.start(work.resolve("data-refused"), work.resolve("server-refused.log"), mixed).close());
        assertThat(refused).isNotNull().hasMessageContaining("jikji.index.on-model-mismatch=reindex");
        assertThat(aliasTarget()).isEqualTo("jikji_it_1");

        mixed.add("-Djikji.index.on-model-mismatch=reindex");
        try (ServerProcess rebuilt = ServerProcess.start(work.resolve("data-rebuilt"), work.resolve("server-rebuilt.log"), mixed)) {
            assertThat(Files.readString(rebuilt.log)).contains("Rebuilding it into jikji_it_2")
                    .contains("SolrCloud alias jikji_it now points at jikji_it_2")
                    .contains("Kept the previous collection jikji_it_1");
            assertThat(aliasTarget()).isEqualTo("jikji_it_2");
            assertThat(SolrCluster.clusterStatus(cluster.urls.getFirst()).path("cluster").path("collections").has("jikji_it_1"))
                    .isTrue();
            // every document rebuilt from its original, with its ACL
            assertThat(getJson(rebuilt, "/api/v1/documents?prefix=solr/", ADMIN).path("total").asInt()).isEqualTo(before);
            assertThat(topDocument(search(rebuilt, "생성 담당 서버가 어디인가요?", ADMIN))).isEqualTo("solr/ko-deploy");
            assertThat(topDocument(search(rebuilt, "how are canary releases rolled back", ADMIN))).isEqualTo("solr/en-rollback");
            assertThat(hitIds(search(rebuilt, "salary bands reviewed", PUBLIC))).doesNotContain("solr/salary");
            assertThat(hitIds(search(rebuilt, "salary bands reviewed", STAFF))).contains("solr/salary");
            ingest(rebuilt, doc("solr/after-switch", "Otters", "Otters hold hands while they sleep on the water.", null));
            assertThat(topDocument(search(rebuilt, "otters sleep holding hands", ADMIN))).isEqualTo("solr/after-switch");
            // the new analysis folds synonyms (jikji.search.synonyms) in Solr's analyzers: a word no document uses finds its twin
            ingest(rebuilt, doc("solr/laptop", "장비 반납", "랩톱은 퇴사하는 날 총무팀에 반납한다.", null));
            assertThat(topDocument(search(rebuilt, "노트북은 어디에 돌려주나요?", ADMIN))).isEqualTo("solr/laptop");
            assertThat(hitIds(search(rebuilt, "laptops", ADMIN))).contains("solr/laptop");

            // the replica on the earlier analysis still reads its collection, but may no longer write
            assertThat(topDocument(search("how are canary releases rolled back", ADMIN))).isEqualTo("solr/en-rollback");
            // (SolrJ caches the alias for 5 s, so the refusal may take that long to come)
            HttpResponse<String> stale;
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            do {
                stale = post("/api/v1/documents", doc("solr/stale", "Stale", "Written by an outdated replica.", null), ADMIN);
                if (stale.statusCode() != 503) Thread.sleep(1000);
            } while (stale.statusCode() != 503 && System.nanoTime() < until);
            assertThat(stale.statusCode()).as(stale.body()).isEqualTo(503);
            assertThat(stale.body()).contains("outdated");
        }
        // the next start on the new analysis finds the alias's collection built for it: nothing to rebuild
        try (ServerProcess again = ServerProcess.start(work.resolve("data-again"), work.resolve("server-again.log"), mixed)) {
            assertThat(Files.readString(again.log)).contains("Index: SolrCloud collection jikji_it_2 (alias jikji_it)")
                    .doesNotContain("Rebuilding it into");
            assertThat(topDocument(search(again, "otters sleep holding hands", ADMIN))).isEqualTo("solr/after-switch");
        }
    }

    /**
     * {@code jikji solr}, as a Kubernetes Job would run it before the first start: it checks with the server's
     * code (the rebuilt collection fits the new analysis, not the shipped one), and creates a collection behind
     * its alias with its claims collection, which it then refuses to reuse for another analysis.
     */
    @Test
    @Order(7)
    void theSolrCommandChecksAndCreatesCollectionsAsTheServerDoes() throws Exception {
        String urls = String.join(",", cluster.urls);
        String noModel = "jikji.embedding.model-dir=" + Manifests.ROOT.resolve("target/solrcloud-it/no-model");
        String mixed = "jikji.search.nori-decompound-mode=mixed";
        String[] fits = cli("solr", "status", "--urls", urls, "--collection", "jikji_it", "-p", noModel, "-p", mixed,
                "-p", "jikji.search." + synonyms());
        assertThat(fits[0]).as(fits[2]).isEqualTo("0");
        assertThat(fits[1]).contains("jikji_it -> jikji_it_2").contains("fits this configuration")
                .contains("jikji_it_1, jikji_it_2");
        String[] stale = cli("solr", "status", "--urls", urls, "--collection", "jikji_it", "-p", noModel);
        assertThat(stale[0]).isEqualTo("4");
        assertThat(stale[1]).contains("built for another configuration").contains("jikji.analyzer");

        String[] created = cli("solr", "create-collection", "--urls", urls, "--collection", "jikji_cli", "--shards", "1",
                "--replicas", "1", "-p", noModel);
        assertThat(created[0]).as(created[2]).isEqualTo("0");
        assertThat(created[1]).contains("jikji_cli -> jikji_cli_1");
        JsonNode status = SolrCluster.clusterStatus(cluster.urls.getFirst()).path("cluster");
        assertThat(status.path("aliases").path("jikji_cli").asText()).isEqualTo("jikji_cli_1");
        assertThat(status.path("collections").has("jikji_cli_claims")).isTrue();
        String[] again = cli("solr", "create-collection", "--urls", urls, "--collection", "jikji_cli", "-p", noModel);
        assertThat(again[0]).as(again[2]).isEqualTo("0");
        String[] refused = cli("solr", "create-collection", "--urls", urls, "--collection", "jikji_cli", "-p", noModel, "-p", mixed);
        assertThat(refused[0]).isEqualTo("4");
        assertThat(refused[2]).contains("jikji.index.on-model-mismatch=reindex");
    }

    /** {@code synonyms=FILE}: the synonyms of the rebuilt collection's analysis, written once per test JVM. */
    private static String synonyms() throws java.io.IOException {
        Path file = Manifests.ROOT.resolve("target/solrcloud-it/" + ProcessHandle.current().pid() + "/synonyms.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# equipment\n노트북, 랩톱, laptop\n");
        return "synonyms=" + file;
    }

    /** Exit status, standard output and standard error of one in-process run of the jikji command line. */
    private static String[] cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new dev.jikji.cli.JikjiCli());
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        int exit = cli.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    private String aliasTarget() throws Exception {
        return SolrCluster.clusterStatus(cluster.urls.getFirst()).path("cluster").path("aliases").path("jikji_it").asText();
    }

    private JsonNode search(String query, String key) throws Exception {
        return search(server, query, key);
    }

    private JsonNode search(ServerProcess to, String query, String key) throws Exception {
        ObjectNode q = JSON.createObjectNode().put("query", query).put("topK", 5);
        HttpResponse<String> r = post(to, "/api/v1/search", q, key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String topDocument(JsonNode result) {
        assertThat(result.path("hits").size()).as(result.toString()).isPositive();
        return result.path("hits").get(0).path("documentId").asText();
    }

    private static List<String> hitIds(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("hits").forEach(h -> out.add(h.path("documentId").asText()));
        return out;
    }

    private static List<String> hitTexts(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("hits").forEach(h -> out.add(h.path("text").asText()));
        assertThat(out).isNotEmpty();
        return out;
    }

    private static ObjectNode doc(String id, String title, String text, List<String> acl) {
        ObjectNode d = JSON.createObjectNode().put("id", id).put("title", title).put("text", text)
                .put("contentType", "text/markdown");
        if (acl != null) acl.forEach(d.putArray("acl")::add);
        return d;
    }

    private JsonNode ingest(ObjectNode doc) throws Exception {
        return ingest(server, doc);
    }

    private JsonNode ingest(ServerProcess to, ObjectNode doc) throws Exception {
        HttpResponse<String> r = post(to, "/api/v1/documents", doc, ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("results").get(0).path("status").asText()).as(r.body()).isNotEqualTo("failed");
        return body;
    }

    private HttpResponse<String> post(String path, JsonNode body, String key) throws Exception {
        return post(server, path, body, key);
    }

    private HttpResponse<String> post(ServerProcess to, String path, JsonNode body, String key) throws Exception {
        return send(HttpRequest.newBuilder(to.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), key);
    }

    private JsonNode getJson(String path, String key) throws Exception {
        return getJson(server, path, key);
    }

    private JsonNode getJson(ServerProcess to, String path, String key) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(to.uri(path)).GET(), key);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String key) throws Exception {
        return http.send(b.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
