package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of bad input gets a 4xx problem naming the field, and loses nothing already ingested. */
@QuarkusTest
@Tag("quarkus")
class BadInputTest {

    private static final String KEEPER = "bad-input/keeper";

    @BeforeEach
    void keeper() {
        given().contentType("application/json").body(Map.of("id", KEEPER, "text", "The wombat budget is approved yearly."))
                .post("/api/v1/documents").then().statusCode(200);
    }

    static ValidatableResponse postDoc(String contentType, Object body) {
        var request = given().contentType(contentType);
        request = body instanceof byte[] bytes ? request.body(bytes) : request.body(body);
        return request.when().post("/api/v1/documents").then();
    }

    static void problem(ValidatableResponse r, int status, String field) {
        r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status)).body("field", equalTo(field));
    }

    void keeperIsIntact() {
        given().get("/api/v1/documents/" + KEEPER).then().statusCode(200);
        var ids = given().contentType("application/json").body(Map.of("query", "wombat budget"))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.documentId");
        assertThat(ids).contains(KEEPER);
    }

    @Test
    void missingText() {
        problem(postDoc("application/json", Map.of("id", "x", "title", "no text")), 400, "text");
        keeperIsIntact();
    }

    @Test
    void emptyText() {
        problem(postDoc("application/json", Map.of("id", KEEPER, "text", "  \n ")), 400, "text");
        keeperIsIntact();
    }

    @Test
    void unknownContentType() {
        problem(postDoc("application/json", Map.of("text", "a,b,c", "contentType", "text/csv")), 400, "contentType");
    }

    @Test
    void wrongFieldType() {
        problem(postDoc("application/json", "{\"text\":\"hello\",\"title\":42}"), 400, "title");
        problem(postDoc("application/json", "{\"text\":\"hello\",\"metadata\":{\"team\":{\"nested\":1}}}"), 400, "metadata.team");
        problem(postDoc("application/json", "{\"text\":\"hello\",\"acl\":\"everyone\"}"), 400, "acl");
    }

    @Test
    void malformedJsonSaysWhere() {
        postDoc("application/json", "{\"text\": \"unterminated}").statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("body")).body("detail", containsString("line 1"));
        postDoc("application/json", "").statusCode(400).body("field", equalTo("body"));
        postDoc("application/json", "42").statusCode(400).body("field", equalTo("body"));
        postDoc("application/json", "[]").statusCode(400).body("field", equalTo("body"));
        keeperIsIntact();
    }

    @Test
    void invalidUtf8() {
        byte[] body = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        postDoc("application/json", body).statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
    }

    @Test
    void ndjsonWithOnlyBadLinesIsRejectedNamingTheLines() {
        String body = "{\"id\":\"nd-bad/1\"}\nnot json\n";
        postDoc("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].error.field", equalTo("text"))
                .body("errors[0].error.line", equalTo(1))
                .body("errors[1].error.line", equalTo(2));
        keeperIsIntact();
    }

    @Test
    void bodyOverTheLimitIs413() {
        // the test profile sets jikji.ingest.max-body-size=2M
        String big = "{\"text\":\"" + "가".repeat(1_100_000) + "\"}";
        problem(postDoc("application/json", big.getBytes(StandardCharsets.UTF_8)), 413, "body");
        keeperIsIntact();
    }

    @Test
    void unsupportedMediaType() {
        postDoc("text/csv", "a,b").statusCode(415).contentType("application/problem+json").body("field", equalTo("Content-Type"));
    }

    @Test
    void unknownDocumentIs404Problem() {
        given().get("/api/v1/documents/does-not-exist").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badListParameters() {
        problem(given().queryParam("limit", "abc").get("/api/v1/documents").then(), 400, "limit");
        problem(given().queryParam("limit", 0).get("/api/v1/documents").then(), 400, "limit");
        problem(given().queryParam("cursor", "***").get("/api/v1/documents").then(), 400, "cursor");
    }

    @Test
    void badSearchRequests() {
        problem(search("{}"), 400, "query");
        problem(search("{\"query\":\"  \"}"), 400, "query");
        problem(search("{\"query\":\"x\",\"topK\":0}"), 400, "topK");
        problem(search("{\"query\":\"x\",\"topK\":101}"), 400, "topK");
        problem(search("{\"query\":\"x\",\"topK\":\"ten\"}"), 400, "topK");
        problem(search("{\"query\":\"x\",\"filter\":{\"documentIds\":\"a\"}}"), 400, "filter.documentIds");
        problem(search("{\"query\":"), 400, "body");
        keeperIsIntact();
    }

    static ValidatableResponse search(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/search").then();
    }
}
