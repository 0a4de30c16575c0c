package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("quarkus")
class DocumentsApiTest {

    static JsonPath post(String contentType, Object body) {
        var request = given().contentType(contentType);
        request = body instanceof byte[] bytes ? request.body(bytes) : request.body(body);
        return request.when().post("/api/v1/documents")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<String> searchIds(String query) {
        return given().contentType("application/json").body(Map.of("query", query, "topK", 20))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.documentId");
    }

    static List<String> searchTexts(String query, String documentId) {
        return given().contentType("application/json")
                .body(Map.of("query", query, "filter", Map.of("documentIds", List.of(documentId))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.text");
    }

    @Test
    void upsertReportsCreatedUnchangedUpdatedAndReplacesOldChunks() {
        Map<String, Object> v1 = Map.of("id", "upsert/doc", "title", "Deploy notes", "contentType", "text/markdown",
                "text", "# Deploy\n\nThe zanzibar cluster is deployed every Tuesday.\n\n## Rollback\n\nRoll back with the blue button.");
        JsonPath first = post("application/json", v1);
        assertThat(first.getString("results[0].status")).isEqualTo("created");
        assertThat(first.getInt("results[0].chunks")).isPositive();
        assertThat(first.getLong("tookMs")).isNotNegative();

        JsonPath again = post("application/json", v1);
        assertThat(again.getString("results[0].status")).isEqualTo("unchanged");
        assertThat(again.getInt("results[0].chunks")).isEqualTo(first.getInt("results[0].chunks"));

        JsonPath record = given().get("/api/v1/documents/upsert/doc").then().statusCode(200).extract().jsonPath();
        String hashV1 = record.getString("hash");
        assertThat(record.getString("title")).isEqualTo("Deploy notes");
        assertThat(record.getString("contentType")).isEqualTo("text/markdown");
        assertThat(record.getInt("chunks")).isEqualTo(first.getInt("results[0].chunks"));
        assertThat(record.getString("ingestedAt")).isNotBlank();

        Map<String, Object> v2 = Map.of("id", "upsert/doc", "title", "Deploy notes", "contentType", "text/markdown",
                "text", "# Deploy\n\nThe quokka cluster is deployed every Thursday.");
        JsonPath updated = post("application/json", v2);
        assertThat(updated.getString("results[0].status")).isEqualTo("updated");
        assertThat(given().get("/api/v1/documents/upsert/doc").then().extract().jsonPath().getString("hash"))
                .isNotEqualTo(hashV1);

        List<String> texts = searchTexts("cluster deployed", "upsert/doc");
        assertThat(texts).isNotEmpty().allMatch(t -> t.contains("quokka")).noneMatch(t -> t.contains("zanzibar"));
        // the old chunks are gone from the keyword index too, not merely outranked
        assertThat(searchTexts("zanzibar", "upsert/doc")).noneMatch(t -> t.contains("zanzibar"));
    }

    @Test
    void theRecordSaysHowManyChunksHaveVectors() {
        // the embedded e5-small-v2 declares English only: Korean chunks get no vector, English ones do
        post("application/json", List.of(
                Map.of("id", "vectors/ko", "contentType", "text/markdown", "text",
                        "# 출장 규정\n\n출장비는 귀국 후 14일 안에 정산한다. 영수증은 모두 첨부한다.\n\n## 숙박\n\n숙박비는 1박에 15만 원까지 지원한다."),
                Map.of("id", "vectors/en", "contentType", "text/markdown", "text",
                        "# Travel policy\n\nTravel costs are settled within 14 days of return. Attach every receipt.\n\n"
                                + "## Hotels\n\nHotels are paid up to 150 euros a night.")));
        JsonPath korean = given().get("/api/v1/documents/vectors/ko").then().statusCode(200).extract().jsonPath();
        assertThat(korean.getInt("chunks")).isPositive();
        assertThat(korean.getInt("embeddedChunks")).isZero();
        JsonPath english = given().get("/api/v1/documents/vectors/en").then().statusCode(200).extract().jsonPath();
        assertThat(english.getInt("chunks")).isPositive();
        assertThat(english.getInt("embeddedChunks")).isEqualTo(english.getInt("chunks"));
        JsonPath withChunks = given().queryParam("chunks", true).get("/api/v1/documents/vectors/ko").then().statusCode(200)
                .extract().jsonPath();
        assertThat(withChunks.getInt("embeddedChunks")).isZero();
        assertThat(withChunks.getList("chunkList")).hasSize(korean.getInt("chunks"));

        // an English query's vector leg runs and finds nothing in the Korean document; BM25 still does
        JsonPath r = given().contentType("application/json")
                .body(Map.of("query", "hotel costs per night 15만", "filter", Map.of("documentIds", List.of("vectors/ko"))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(r.getBoolean("retrieval.legs.find { it.name == 'vector' }.ran")).isTrue();
        assertThat(r.getInt("retrieval.legs.find { it.name == 'vector' }.candidates")).isZero();
        assertThat(r.getList("hits.documentId", String.class)).contains("vectors/ko");
    }

    @Test
    void metadataChangeIsAnUpdate() {
        post("application/json", Map.of("id", "meta/doc", "text", "Holiday calendar for 2027.", "metadata", Map.of("team", "hr")));
        JsonPath r = post("application/json", Map.of("id", "meta/doc", "text", "Holiday calendar for 2027.",
                "metadata", Map.of("team", "people")));
        assertThat(r.getString("results[0].status")).isEqualTo("updated");
        assertThat(given().get("/api/v1/documents/meta/doc").then().extract().jsonPath().getString("metadata.team"))
                .isEqualTo("people");
    }

    @Test
    void badItemInArrayFailsAloneAndOthersAreIngested() {
        List<Map<String, Object>> batch = List.of(
                Map.of("id", "batch/ok-1", "text", "First good document about the ferret release."),
                Map.of("id", "batch/bad", "text", "   "),
                Map.of("id", "batch/ok-2", "text", "Second good document about the ferret release."));
        JsonPath r = post("application/json", batch);
        assertThat(r.getList("results.status")).containsExactly("created", "failed", "created");
        assertThat(r.getString("results[1].error.field")).isEqualTo("text");
        assertThat(r.getInt("results[1].index")).isEqualTo(1);
        assertThat(r.getInt("failed")).isEqualTo(1);
        given().get("/api/v1/documents/batch/ok-2").then().statusCode(200);
        given().get("/api/v1/documents/batch/bad").then().statusCode(404);
    }

    @Test
    void ndjsonReportsTheMalformedLineAndIngestsTheRest() {
        String body = """
                {"id":"nd/1","text":"NDJSON line one about the heron project."}
                {"id":"nd/2","text": oops}

                {"id":"nd/3","text":"NDJSON line four about the heron project.","contentType":"text/plain"}
                """;
        JsonPath r = post("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.getList("results.status")).containsExactly("created", "failed", "created");
        assertThat(r.getInt("results[1].error.line")).isEqualTo(2);
        assertThat(r.getString("results[1].error.detail")).contains("line 2");
        assertThat(r.getList("results.id")).contains("nd/1", "nd/3");
        assertThat(searchIds("heron project")).contains("nd/1", "nd/3");
    }

    @Test
    void multipartFilesAreIngestedWithTheirFormat() {
        JsonPath r = given()
                .multiPart("file", "handbook.md", "# Handbook\n\n## Expenses\n\nMeals are reimbursed up to 30 euros.".getBytes(StandardCharsets.UTF_8), "text/markdown")
                .multiPart("file", "wiki.html", "<html><head><title>Wiki</title><script>var x=1;</script></head><body><h1>Wiki</h1><h2>Parking</h2><p>The garage gate code changes monthly.</p></body></html>".getBytes(StandardCharsets.UTF_8), "text/html")
                .multiPart("file", "notes.txt", "Plain notes about the albatross migration.".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .when().post("/api/v1/documents").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("results.status", String.class)).allMatch(st -> st.equals("created") || st.equals("unchanged"));
        assertThat(r.getList("results.id")).containsExactly("handbook.md", "wiki.html", "notes.txt");
        assertThat(given().get("/api/v1/documents/wiki.html").then().extract().jsonPath().getString("contentType"))
                .isEqualTo("text/html");
        JsonPath hit = given().contentType("application/json").body(Map.of("query", "garage gate code", "topK", 1,
                        "filter", Map.of("documentIds", List.of("wiki.html"))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(hit.getList("hits[0].headingPath")).containsExactly("Wiki", "Parking");
        assertThat(hit.getString("hits[0].text")).doesNotContain("var x");
    }

    @Test
    void legacyEncodedAndBinaryUploads() {
        String korean = "# 주차 안내\n\n지하 주차장 출입 카드는 총무팀에서 발급한다. 방문객 차량은 로비에서 등록한다.\n";
        JsonPath r = given()
                .multiPart("file", "parking-cp949.md", korean.getBytes(java.nio.charset.Charset.forName("x-windows-949")), "text/markdown")
                .multiPart("file", "parking-utf16.txt", ("\uFEFF" + korean).getBytes(StandardCharsets.UTF_16LE), "text/plain")
                .multiPart("file", "photo.txt", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0}, "text/plain")
                .when().post("/api/v1/documents").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("results.status")).containsExactly("created", "created", "failed");
        assertThat(r.getString("results[2].error.field")).isEqualTo("file[photo.txt]");
        List<String> texts = given().contentType("application/json").body(Map.of("query", "주차장 출입 카드",
                        "filter", Map.of("documentIds", List.of("parking-cp949.md"))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.text");
        assertThat(texts).anyMatch(t -> t.contains("총무팀에서 발급한다"));
    }

    @Test
    void pdfAndDocxUploadsAreCitedWithPagesAndHeadings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var pdf = dev.jikji.ingest.TestDocuments.pdf(dir.resolve("gateway.pdf"), List.of(
                List.of("The gateway is installed from the vendor portal."),
                List.of("The cormorant firewall rule keeps port 8443 open."),
                List.of("Support is reached through the on-call rota.")));
        var scan = dev.jikji.ingest.TestDocuments.pdf(dir.resolve("scan.pdf"), List.of(List.of()));
        var docx = dev.jikji.ingest.TestDocuments.docx(dir.resolve("travel.docx"));
        JsonPath r = given()
                .multiPart("file", pdf.toFile(), "application/pdf")
                .multiPart("file", docx.toFile(), "application/octet-stream")
                .multiPart("file", scan.toFile(), "application/pdf")
                .multiPart("file", "broken.pdf", "%PDF-1.4 garbage".getBytes(StandardCharsets.UTF_8), "application/pdf")
                .when().post("/api/v1/documents").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("results.status")).containsExactly("created", "created", "failed", "failed");
        assertThat(r.getString("results[2].error.detail")).contains("scanned");
        assertThat(r.getString("results[3].error.field")).isEqualTo("file[broken.pdf]");

        JsonPath hit = given().contentType("application/json").body(Map.of("query", "cormorant firewall rule", "topK", 1,
                        "filter", Map.of("documentIds", List.of("gateway.pdf"))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(hit.getInt("hits[0].page")).isEqualTo(2);
        assertThat(given().get("/api/v1/documents/gateway.pdf").then().extract().jsonPath().getString("contentType"))
                .isEqualTo("application/pdf");

        JsonPath docHit = given().contentType("application/json").body(Map.of("query", "hotel nights capital cities", "topK", 1,
                        "filter", Map.of("documentIds", List.of("travel.docx"))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(docHit.getList("hits[0].headingPath")).containsExactly("Travel Policy", "Booking", "Hotels");
        assertThat(docHit.getString("hits[0].title")).isEqualTo("Travel Policy");
        assertThat(docHit.get("hits[0].page") == null).isTrue();
    }

    @Test
    void listPagesThroughEveryDocumentOnce() {
        for (int i = 0; i < 7; i++) {
            post("application/json", Map.of("id", "page/" + i, "text", "Paging document number " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().queryParam("limit", 3);
            if (cursor != null) req = req.queryParam("cursor", cursor);
            JsonPath page = req.get("/api/v1/documents").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("documents.id");
            assertThat(ids.size()).isLessThanOrEqualTo(3);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            assertThat(page.getInt("total")).isGreaterThanOrEqualTo(7);
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).doesNotHaveDuplicates().contains("page/0", "page/3", "page/6");
        assertThat(seen).isSorted();

        JsonPath prefixed = given().queryParam("prefix", "page/").queryParam("limit", 2).get("/api/v1/documents")
                .then().statusCode(200).extract().jsonPath();
        assertThat(prefixed.getInt("total")).isEqualTo(7);
        assertThat(prefixed.getList("documents.id", String.class)).containsExactly("page/0", "page/1");
        JsonPath second = given().queryParam("prefix", "page/").queryParam("limit", 2)
                .queryParam("cursor", prefixed.getString("nextCursor")).get("/api/v1/documents")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getInt("total")).as("total counts the whole listing, not what is left").isEqualTo(7);
        assertThat(second.getList("documents.id", String.class)).containsExactly("page/2", "page/3");
    }

    @Test
    void deleteRemovesTheDocumentFromSearch() {
        post("application/json", Map.of("id", "delete/me", "text", "The marmot rota is posted on Mondays."));
        assertThat(searchIds("marmot rota")).contains("delete/me");
        given().delete("/api/v1/documents/delete/me").then().statusCode(200).body("status", equalTo("deleted"));
        given().get("/api/v1/documents/delete/me").then().statusCode(404).contentType("application/problem+json");
        assertThat(searchIds("marmot rota")).doesNotContain("delete/me");
        given().delete("/api/v1/documents/delete/me").then().statusCode(404);
    }

    @Test
    void idDefaultsToSourceThenContentHash() {
        JsonPath bySource = post("application/json", Map.of("text", "Sourced text.", "source", "https://wiki.example/page-1"));
        assertThat(bySource.getString("results[0].id")).isEqualTo("https://wiki.example/page-1");
        JsonPath byHash = post("application/json", Map.of("text", "Text without id or source."));
        assertThat(byHash.getString("results[0].id")).startsWith("sha256:");
        JsonPath same = post("application/json", Map.of("text", "Text without id or source."));
        assertThat(same.getString("results[0].id")).isEqualTo(byHash.getString("results[0].id"));
        assertThat(same.getString("results[0].status")).isEqualTo("unchanged");
    }
}
