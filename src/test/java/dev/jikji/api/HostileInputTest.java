package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, on purpose, at every endpoint: malformed JSON, wrong types, huge strings, invalid UTF-8,
 * control characters, deeply nested JSON, path traversal, empty multipart parts, a zip bomb and binary
 * passed off as text. Each gets a 4xx problem (never a 5xx); afterwards the service is alive and ready and
 * a document ingested before is byte-for-byte the same (same content hash).
 */
@QuarkusTest
@Tag("quarkus")
class HostileInputTest {

    private static final String KEEPER = "hostile/keeper.md";
    private static final String KEEPER_TEXT = "# Keeper\n\nThe aardvark procurement policy is reviewed every quarter.";

    /** Every JSON-consuming endpoint, by name → how to post a body to it. */
    private static final Map<String, Function<byte[], Response>> JSON_ENDPOINTS = Map.of(
            "documents (json)", b -> post("application/json", b, "/api/v1/documents"),
            "documents (ndjson)", b -> post("application/x-ndjson", b, "/api/v1/documents"),
            "search", b -> post("application/json", b, "/api/v1/search"),
            "ask (json)", b -> post("application/json", b, "/api/v1/ask"),
            "ask (sse)", b -> given().contentType("application/json").accept("text/event-stream").body(b).post("/api/v1/ask"));

    private static final List<String> SLACK = List.of("/slack/events", "/slack/commands", "/slack/interactions");

    private String keeperHash;

    @BeforeEach
    void keeper() {
        given().contentType("application/json").body(Map.of("id", KEEPER, "text", KEEPER_TEXT))
                .post("/api/v1/documents").then().statusCode(200);
        keeperHash = given().get("/api/v1/documents/" + KEEPER).then().statusCode(200).extract().path("hash");
    }

    @AfterEach
    void serviceIsUpAndDataIntact() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/v1/documents/" + KEEPER).then().statusCode(200).body("hash", equalTo(keeperHash))
                .body("chunks", equalTo(1));
        List<String> ids = given().contentType("application/json").body(Map.of("query", "aardvark procurement policy"))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.documentId");
        assertThat(ids).contains(KEEPER);
    }

    private static Response post(String contentType, byte[] body, String path) {
        return given().contentType(contentType).body(body).post(path);
    }

    /** A 4xx (one of {@code statuses} when given: 503 only where named) with a problem body that says what is wrong. */
    static void problem(String what, Response r, int... statuses) {
        if (statuses.length > 0) {
            assertThat(statuses).as(what + ": " + r.asString()).contains(r.statusCode());
        } else {
            assertThat(r.statusCode()).as(what + ": " + r.asString()).isBetween(400, 499);
        }
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        String detail = r.path("detail");
        assertThat(detail).as(what).isNotBlank();
        assertThat(r.asString()).as(what + " leaks no internals").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void everyJsonEndpoint(String what, byte[] body, int... statuses) {
        JSON_ENDPOINTS.forEach((name, send) -> problem(what + " → " + name, send.apply(body), statuses));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedJson() {
        for (String body : List.of("{", "{\"query\": \"x\",}", "{\"question\": 'single'}", "{\"text\": \"a\"} trailing",
                "nul\u0000l", "\ufeff\ufeff{}", "{\"a\":1,\"a\":2}")) {
            everyJsonEndpoint("malformed " + body, utf8(body), 400);
        }
    }

    @Test
    void wrongTypes() {
        problem("text as object", post("application/json", utf8("{\"text\":{\"a\":1}}"), "/api/v1/documents"), 400);
        problem("metadata as array", post("application/json", utf8("{\"text\":\"x\",\"metadata\":[1]}"), "/api/v1/documents"), 400);
        problem("acl of numbers", post("application/json", utf8("{\"text\":\"x\",\"acl\":[1,2]}"), "/api/v1/documents"), 400);
        problem("id as number", post("application/x-ndjson", utf8("{\"id\":7,\"text\":\"x\"}\n"), "/api/v1/documents"), 400);
        for (String path : List.of("/api/v1/search", "/api/v1/ask")) {
            String field = path.endsWith("search") ? "query" : "question";
            problem(field + " as array", post("application/json", utf8("{\"" + field + "\":[\"a\"]}"), path), 400);
            problem("topK as string", post("application/json", utf8("{\"" + field + "\":\"a\",\"topK\":\"5\"}"), path), 400);
            problem("topK as float", post("application/json", utf8("{\"" + field + "\":\"a\",\"topK\":2.5}"), path), 400);
            problem("topK overflowing", post("application/json", utf8("{\"" + field + "\":\"a\",\"topK\":99999999999999999999999}"), path), 400);
            problem("topK negative", post("application/json", utf8("{\"" + field + "\":\"a\",\"topK\":-1}"), path), 400);
            problem("filter as string", post("application/json", utf8("{\"" + field + "\":\"a\",\"filter\":\"x\"}"), path), 400);
            problem("filter metadata nested", post("application/json",
                    utf8("{\"" + field + "\":\"a\",\"filter\":{\"metadata\":{\"k\":{\"x\":1}}}}"), path), 400);
            problem("body an array", post("application/json", utf8("[\"" + field + "\"]"), path), 400);
            problem("body null", post("application/json", utf8("null"), path), 400);
        }
        problem("list limit", given().queryParam("limit", "1e3").get("/api/v1/documents"), 400);
        problem("list limit huge", given().queryParam("limit", "99999999999999999999").get("/api/v1/documents"), 400);
    }

    @Test
    void hugeStrings() {
        problem("long question", post("application/json", utf8("{\"question\":\"" + "why ".repeat(600) + "\"}"), "/api/v1/ask"), 400);
        problem("long question (sse)", JSON_ENDPOINTS.get("ask (sse)").apply(utf8("{\"question\":\"" + "왜".repeat(2001) + "\"}")), 400);
        problem("long query", post("application/json", utf8("{\"query\":\"" + "q".repeat(5000) + "\"}"), "/api/v1/search"), 400);
        problem("long id", post("application/json", utf8("{\"id\":\"" + "i".repeat(600) + "\",\"text\":\"x\"}"), "/api/v1/documents"), 400);
        problem("long title", post("application/json", utf8("{\"title\":\"" + "t".repeat(1001) + "\",\"text\":\"x\"}"), "/api/v1/documents"), 400);
        problem("long metadata value", post("application/json",
                utf8("{\"text\":\"x\",\"metadata\":{\"k\":\"" + "v".repeat(5000) + "\"}}"), "/api/v1/documents"), 400);
        problem("long metadata key", post("application/json",
                utf8("{\"text\":\"x\",\"metadata\":{\"" + "k".repeat(200) + "\":\"v\"}}"), "/api/v1/documents"), 400);
        // the test profile caps bodies at 2 MB; search and ask at 1 MB
        byte[] big = utf8("{\"text\":\"" + "x".repeat(3_000_000) + "\",\"query\":\"x\",\"question\":\"x\"}");
        everyJsonEndpoint("3 MB body", big, 413);
        problem("3 MB multipart", given().multiPart("file", "big.txt", new byte[3_000_000], "text/plain").post("/api/v1/documents"), 413);
        // a request line over Vert.x's 4 KB limit is refused before any resource runs: 414, without a body
        assertThat(given().get("/api/v1/documents/" + "a".repeat(20_000)).statusCode()).isIn(404, 414, 431);
    }

    @Test
    void invalidUtf8() {
        byte[][] bodies = {
            {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            {'{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'},
            {'{', '"', 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            {(byte) 0xC0, (byte) 0x80},
        };
        for (byte[] body : bodies) everyJsonEndpoint("invalid UTF-8", body, 400);
        problem("invalid UTF-8 in a multipart text file", given().multiPart("file", "bad.txt",
                new byte[] {'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0x81}, "text/plain")
                .post("/api/v1/documents"), 400);
    }

    @Test
    void controlCharacters() {
        problem("NUL in text", post("application/json", utf8("{\"text\":\"a\\u0000b\"}"), "/api/v1/documents"), 400);
        problem("NUL in id", post("application/json", utf8("{\"id\":\"a\\u0000b\",\"text\":\"x\"}"), "/api/v1/documents"), 400);
        problem("bell in title", post("application/json", utf8("{\"title\":\"a\\u0007b\",\"text\":\"x\"}"), "/api/v1/documents"), 400);
        problem("escape in metadata", post("application/json",
                utf8("{\"text\":\"x\",\"metadata\":{\"k\":\"\\u001b[31m\"}}"), "/api/v1/documents"), 400);
        problem("NUL in acl", post("application/x-ndjson", utf8("{\"text\":\"x\",\"acl\":[\"a\\u0000\"]}\n"), "/api/v1/documents"), 400);
        problem("raw control bytes in JSON", post("application/json", new byte[] {'{', '"', 'q', '"', ':', '"', 1, 2, 3, '"', '}'}, "/api/v1/search"), 400);
        // questions and queries with control characters are refused too: nothing legitimate sends them
        for (String q : List.of("a\\u0000b", "\\u0000", "wombat\\u0007\\u001b[2J")) {
            problem("control in query " + q, post("application/json", utf8("{\"query\":\"" + q + "\"}"), "/api/v1/search"), 400);
            problem("control in question " + q, post("application/json", utf8("{\"question\":\"" + q + "\"}"), "/api/v1/ask"), 400);
            problem("control in filter id " + q, post("application/json",
                    utf8("{\"query\":\"x\",\"filter\":{\"documentIds\":[\"" + q + "\"]}}"), "/api/v1/search"), 400);
        }
        // tabs and newlines are ordinary whitespace in a question
        given().contentType("application/json").body("{\"question\":\"aardvark\\tprocurement\\npolicy?\"}")
                .post("/api/v1/ask").then().statusCode(200);
    }

    @Test
    void deeplyNestedJson() {
        int depth = 10_000;
        byte[] arrays = utf8("[".repeat(depth) + "]".repeat(depth));
        byte[] objects = utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        everyJsonEndpoint("10,000 nested arrays", arrays, 400);
        everyJsonEndpoint("10,000 nested objects", objects, 400);
        byte[] inField = utf8("{\"text\":\"x\",\"query\":\"x\",\"question\":\"x\",\"metadata\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        everyJsonEndpoint("10,000 nested inside a field", inField, 400);
        problem("nested multipart metadata", given().multiPart("file", "n.txt", utf8("hello"), "text/plain")
                .multiPart("metadata", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).post("/api/v1/documents"), 400, 413);
        problem("nested multipart metadata under the form limit", given().multiPart("file", "n.txt", utf8("hello"), "text/plain")
                .multiPart("metadata", "[".repeat(1001) + "]".repeat(1001)).post("/api/v1/documents"), 400);
    }

    @Test
    void pathTraversal() {
        for (String id : List.of("../../etc/passwd", "a/../../b", "./x", "docs/./x", "..")) {
            problem("traversal id " + id, post("application/json", utf8("{\"id\":\"" + id + "\",\"text\":\"x\"}"), "/api/v1/documents"), 400);
            // Quarkus keeps only the last segment of a multipart file name; what arrives must not traverse either
            Response upload = given().multiPart("file", id, utf8("hello"), "text/plain").post("/api/v1/documents");
            if (upload.statusCode() == 200) {
                String stored = upload.path("results[0].id");
                assertThat(stored).as(id).doesNotContain("..").doesNotStartWith("./").doesNotContain("/./");
                given().delete("/api/v1/documents/" + stored).then().statusCode(200);
            } else {
                problem("traversal file name " + id, upload, 400);
            }
        }
        for (String encoded : List.of("%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd",
                "..%5c..%5cwindows%5cwin.ini", "%252e%252e%252fetc%252fpasswd", "hostile%2fkeeper.md%00.txt")) {
            Response get = given().urlEncodingEnabled(false).get("/api/v1/documents/" + encoded);
            assertThat(get.statusCode()).as(encoded).isIn(400, 404);
            assertThat(get.asString()).doesNotContain("root:");
            Response delete = given().urlEncodingEnabled(false).delete("/api/v1/documents/" + encoded);
            assertThat(delete.statusCode()).as(encoded).isIn(400, 404);
        }
        problem("traversal GET", given().urlEncodingEnabled(false).get("/api/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd"), 404);
        problem("traversal DELETE", given().urlEncodingEnabled(false).delete("/api/v1/documents/..%2f" + KEEPER), 404);
        // a prefix only filters ids: a traversing one matches nothing (no id can hold a '..' segment)
        given().queryParam("prefix", "../").get("/api/v1/documents").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void emptyMultipartParts() {
        problem("empty file part", given().multiPart("file", "empty.txt", new byte[0], "text/plain").post("/api/v1/documents"), 400);
        problem("no file part", given().multiPart("id", "x").post("/api/v1/documents"), 400);
        problem("empty file name and body", given().multiPart("file", "", new byte[0], "application/octet-stream").post("/api/v1/documents"), 400);
        problem("no parts at all", given().contentType("multipart/form-data; boundary=XyZ").body(utf8("--XyZ--\r\n")).post("/api/v1/documents"), 400);
        problem("truncated multipart", given().contentType("multipart/form-data; boundary=XyZ")
                .body(utf8("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhel")).post("/api/v1/documents"), 400);
        problem("whitespace-only file", given().multiPart("file", "blank.md", utf8(" \n\t\n "), "text/markdown").post("/api/v1/documents"), 400);
    }

    @Test
    void zipBombDocx() throws IOException {
        byte[] bomb = zipBomb(200 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(2_000_000);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        problem("zip bomb docx", given().multiPart("file", "bomb.docx", bomb,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document").post("/api/v1/documents"), 400);
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(after - before).as("heap growth after the bomb").isLessThan(100L * 1024 * 1024);
    }

    @Test
    void binaryDisguisedAsText() {
        byte[] random = new byte[64 * 1024];
        new Random(42).nextBytes(random);
        problem("random bytes as .txt", given().multiPart("file", "notes.txt", random, "text/plain").post("/api/v1/documents"), 400);
        problem("random bytes as .md", given().multiPart("file", "notes.md", random, "text/markdown").post("/api/v1/documents"), 400);
        problem("random bytes as .docx", given().multiPart("file", "a.docx", random, "application/octet-stream").post("/api/v1/documents"), 400);
        problem("random bytes as .pdf", given().multiPart("file", "a.pdf", random, "application/pdf").post("/api/v1/documents"), 400);
        problem("random bytes as JSON", post("application/json", random, "/api/v1/documents"), 400);
        problem("random bytes as NDJSON", post("application/x-ndjson", random, "/api/v1/documents"), 400);
        problem("random bytes to search", post("application/json", random, "/api/v1/search"), 400);
        problem("random bytes to ask", post("application/json", random, "/api/v1/ask"), 400);
        problem("random bytes as an unknown type", given().multiPart("file", "a.exe", random, "application/octet-stream").post("/api/v1/documents"), 400);
    }

    @Test
    void slackEndpointsRefuseEverythingUnsigned() {
        byte[] nested = utf8("[".repeat(10_000) + "]".repeat(10_000));
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        for (String path : SLACK) {
            for (byte[] body : List.of(utf8("{"), nested, random, new byte[0], utf8("payload=%ZZ"))) {
                problem(path, given().contentType("application/json").body(body).post(path), 401, 503);
                problem(path + " forged signature", given().contentType("text/plain")
                        .header("X-Slack-Request-Timestamp", "../../etc").header("X-Slack-Signature", "v0=\u0000")
                        .body(body).post(path), 401, 503);
            }
        }
    }

    /** A DOCX (a zip) whose document.xml inflates from a few hundred KB to {@code size} bytes. */
    static byte[] zipBomb(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(utf8("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(utf8("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(utf8("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int written = 0; written < size; written += block.length) zip.write(block);
            zip.write(utf8("</w:t></w:r></w:p></w:body></w:document>"));
        }
        return out.toByteArray();
    }
}
