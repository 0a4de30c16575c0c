package dev.jikji.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * API keys, roles and document ACLs over real HTTP. Keys: reader (read; staff), writer (read, write; staff),
 * loader (write only), hr-reader (read; hr; its line made by {@code jikji key-hash} and read from a keys file).
 * The hr document is the best match for every query below, so any leak would show.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(AccessApiTest.AuthProfile.class)
class AccessApiTest {

    public static class AuthProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.auth.enabled", "true",
                    "jikji.auth.keys", AuthTestKeys.inline(),
                    "jikji.auth.keys-file", AuthTestKeys.keysFile().toString(),
                    "jikji.limits.max-documents-per-batch", "10");
        }
    }

    static final String HR_ID = "hr/salaries";
    static final String SECRET_WORD = "zephyrium";
    static final String SECRET_NUMBER = "310,000";

    private static boolean ingested;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL server;

    /** Runs the CLI in-process: exit status, stdout, stderr. */
    static String[] cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine c = new picocli.CommandLine(new dev.jikji.cli.JikjiCli());
        c.setOut(new java.io.PrintWriter(out));
        c.setErr(new java.io.PrintWriter(err));
        int exit = c.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    static io.restassured.specification.RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    @BeforeEach
    void corpus() {
        if (ingested) return;
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(Map.of("id", HR_ID, "title", "Executive salary bands", "acl", List.of("hr"),
                "text", "The executive salary band for directors is 240,000 to " + SECRET_NUMBER + " won a month, code "
                        + SECRET_WORD + ". Executive salary bands for directors are reviewed every April."));
        String[] topics = {"Salary is paid on the 25th of each month.", "Salary slips are in the HR portal.",
                "Salary questions go to the payroll desk.", "A salary advance needs a manager's approval.",
                "Salary for new directors starts the month after they join.", "Salary bands for engineers are public."};
        for (int i = 0; i < topics.length; i++) {
            docs.add(Map.of("id", "public/salary-" + i, "title", "Salary note " + i, "text", topics[i]
                    + " This note about salary and pay is for every employee and director."));
        }
        docs.add(Map.of("id", "staff/handbook", "title", "Staff salary handbook", "acl", List.of("staff"),
                "text", "Staff salary reviews for directors and engineers happen in April."));
        // the admin (group *): the staff writer may not create the hr document
        JsonPath r = as(AuthTestKeys.ADMIN).contentType("application/json").body(docs)
                .post("/api/v1/documents").then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("failed")).isZero();
        ingested = true;
    }

    private static void assertProblem(Response r, int status) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(r.jsonPath().getString("detail")).isNotBlank();
    }

    @Test
    void noKeyOrAWrongKeyIs401WithAChallenge() {
        Response none = given().contentType("application/json").body(Map.of("query", "salary")).post("/api/v1/search");
        assertProblem(none, 401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Response wrong = as("not-a-key").contentType("application/json").body(Map.of("query", "salary")).post("/api/v1/search");
        assertProblem(wrong, 401);
        assertThat(wrong.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(wrong.asString()).doesNotContain("not-a-key");
        assertProblem(given().header("X-API-Key", "nope").get("/api/v1/documents"), 401);
        assertProblem(given().get("/api/v1/documents/" + HR_ID), 401);
        assertProblem(given().contentType("application/json").body(Map.of("question", "salary")).post("/api/v1/ask"), 401);
        assertProblem(given().contentType("application/json").body(Map.of("text", "급여")).post("/api/v1/analyze"), 401);
        assertProblem(given().get("/api/v1/anything-else"), 401);
        assertProblem(given().get("//api/v1/documents"), 401);
        assertProblem(given().header("Authorization", "Basic " + AuthTestKeys.READER).get("/api/v1/documents"), 401);
    }

    @Test
    void rolesGive403() {
        Map<String, Object> doc = Map.of("id", "x", "text", "hello");
        assertProblem(as(AuthTestKeys.READER).contentType("application/json").body(doc).post("/api/v1/documents"), 403);
        assertProblem(as(AuthTestKeys.READER).delete("/api/v1/documents/public/salary-0"), 403);
        assertProblem(as(AuthTestKeys.LOADER).contentType("application/json").body(Map.of("query", "salary"))
                .post("/api/v1/search"), 403);
        assertProblem(as(AuthTestKeys.LOADER).get("/api/v1/documents"), 403);
        // the loader may write: ingest and delete
        as(AuthTestKeys.LOADER).contentType("application/json").body(Map.of("id", "tmp/loader", "text", "temporary"))
                .post("/api/v1/documents").then().statusCode(200);
        as(AuthTestKeys.LOADER).delete("/api/v1/documents/tmp/loader").then().statusCode(200);
    }

    @Test
    void xApiKeyHeaderWorksToo() {
        given().header("X-API-Key", AuthTestKeys.READER).get("/api/v1/documents").then().statusCode(200);
        // reading how a text is analysed needs a read key, nothing more (it reads no document)
        given().header("X-API-Key", AuthTestKeys.READER).contentType("application/json").body(Map.of("text", "급여 명세서"))
                .post("/api/v1/analyze").then().statusCode(200);
    }

    @Test
    void theCliSendsItsKeyAndIsScopedByIt() {
        String[] ok = cli("search", "executive", "salary", "band", SECRET_WORD, "--json", "-k", "5",
                "--server", server.toString(), "--api-key", AuthTestKeys.READER);
        assertThat(ok[0]).as(ok[2]).isEqualTo("0");
        assertThat(ok[1]).contains("public/salary-").doesNotContain(HR_ID).doesNotContain(SECRET_NUMBER);
        String[] hr = cli("search", "executive", "salary", "band", SECRET_WORD, "--json", "-k", "5",
                "--server", server.toString(), "--api-key", AuthTestKeys.hrKey());
        assertThat(hr[1]).contains(HR_ID);
        String[] refused = cli("search", "salary", "--server", server.toString(), "--api-key", "wrong");
        assertThat(refused[0]).isEqualTo(Integer.toString(dev.jikji.cli.JikjiCli.EXIT_SERVER));
        assertThat(refused[2]).contains("401").doesNotContain("wrong");
    }

    @Test
    void healthStaysOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void readerSearchNeverShowsTheHrDocumentAndTopKStaysFull() {
        JsonPath r = as(AuthTestKeys.READER).contentType("application/json")
                .body(Map.of("query", "executive salary band for directors " + SECRET_WORD, "topK", 5))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("hits.documentId", String.class)).hasSize(5).doesNotContain(HR_ID);
        assertThat(r.prettify()).doesNotContain(SECRET_WORD).doesNotContain(SECRET_NUMBER).doesNotContain("Executive salary");
        // the keyword leg matched only visible chunks: 6 public + 1 staff
        assertThat(r.getInt("retrieval.legs[0].candidates")).isLessThanOrEqualTo(7);

        JsonPath byId = as(AuthTestKeys.READER).contentType("application/json")
                .body(Map.of("query", "salary", "filter", Map.of("documentIds", List.of(HR_ID))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(byId.getList("hits")).isEmpty();
        assertThat(byId.getInt("retrieval.legs[0].candidates")).isZero();
        assertThat(byId.getInt("retrieval.legs[1].candidates")).isZero();
    }

    @Test
    void hrReaderSeesTheHrDocumentButNotStaffs() {
        JsonPath r = as(AuthTestKeys.hrKey()).contentType("application/json")
                .body(Map.of("query", "executive salary band for directors " + SECRET_WORD, "topK", 20))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        List<String> ids = r.getList("hits.documentId", String.class);
        assertThat(ids.getFirst()).isEqualTo(HR_ID);
        assertThat(ids).doesNotContain("staff/handbook");
        as(AuthTestKeys.hrKey()).get("/api/v1/documents/" + HR_ID).then().statusCode(200);
        assertProblem(as(AuthTestKeys.hrKey()).get("/api/v1/documents/staff/handbook"), 404);
    }

    @Test
    void readerListAndGetNeverRevealTheHrDocument() {
        JsonPath list = as(AuthTestKeys.READER).get("/api/v1/documents?limit=1000").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("documents.id", String.class)).doesNotContain(HR_ID).contains("staff/handbook");
        assertThat(list.getInt("total")).isEqualTo(list.getList("documents").size());
        JsonPath prefixed = as(AuthTestKeys.READER).get("/api/v1/documents?prefix=hr/").then().statusCode(200).extract().jsonPath();
        assertThat(prefixed.getList("documents")).isEmpty();
        assertThat(prefixed.getInt("total")).isZero();

        Response hidden = as(AuthTestKeys.READER).get("/api/v1/documents/" + HR_ID);
        Response missing = as(AuthTestKeys.READER).get("/api/v1/documents/hr/no-such-doc");
        assertProblem(hidden, 404);
        assertProblem(missing, 404);
        assertThat(hidden.jsonPath().getString("detail").replace(HR_ID, "ID"))
                .isEqualTo(missing.jsonPath().getString("detail").replace("hr/no-such-doc", "ID"));
        assertThat(hidden.asString()).doesNotContain("Executive");

        JsonPath hr = as(AuthTestKeys.hrKey()).get("/api/v1/documents?limit=1000").then().statusCode(200).extract().jsonPath();
        assertThat(hr.getList("documents.id", String.class)).contains(HR_ID).doesNotContain("staff/handbook");
        assertThat(hr.getInt("total")).isEqualTo(list.getInt("total"));

        JsonPath all = as(AuthTestKeys.ADMIN).get("/api/v1/documents?limit=1000").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("documents.id", String.class)).contains(HR_ID, "staff/handbook");
        assertThat(all.getInt("total")).isEqualTo(list.getInt("total") + 1);
    }

    @Test
    void readerAskNeverQuotesOrCitesTheHrDocument() {
        String question = "What is the executive salary band for directors?";
        JsonPath r = as(AuthTestKeys.READER).contentType("application/json").body(Map.of("question", question, "topK", 5))
                .post("/api/v1/ask").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("sources.documentId", String.class)).isNotEmpty().doesNotContain(HR_ID);
        assertThat(r.getList("citations.documentId", String.class)).doesNotContain(HR_ID);
        assertThat(r.prettify()).doesNotContain(SECRET_NUMBER).doesNotContain(SECRET_WORD).doesNotContain("Executive salary");

        String stream = as(AuthTestKeys.READER).contentType("application/json").accept("text/event-stream")
                .body(Map.of("question", question, "topK", 5)).post("/api/v1/ask").then().statusCode(200).extract().asString();
        assertThat(stream).contains("event: done").doesNotContain(HR_ID).doesNotContain(SECRET_NUMBER).doesNotContain(SECRET_WORD);

        JsonPath hr = as(AuthTestKeys.hrKey()).contentType("application/json").body(Map.of("question", question, "topK", 5))
                .post("/api/v1/ask").then().statusCode(200).extract().jsonPath();
        assertThat(hr.getList("sources.documentId", String.class)).contains(HR_ID);
    }

    @Test
    void batchLimitIs400NamingDocuments() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = 0; i < 11; i++) docs.add(Map.of("id", "batch/" + i, "text", "document " + i));
        Response r = as(AuthTestKeys.WRITER).contentType("application/json").body(docs).post("/api/v1/documents");
        assertProblem(r, 400);
        assertThat(r.jsonPath().getString("field")).isEqualTo("documents");
        assertThat(r.jsonPath().getString("detail")).contains("10");
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 11; i++) ndjson.append("{\"id\":\"batch/").append(i).append("\",\"text\":\"doc\"}\n");
        Response nd = as(AuthTestKeys.WRITER).contentType("application/x-ndjson").body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/documents");
        assertProblem(nd, 400);
        assertThat(nd.jsonPath().getString("field")).isEqualTo("documents");
        assertProblem(as(AuthTestKeys.READER).get("/api/v1/documents/batch/0"), 404);
    }
}
