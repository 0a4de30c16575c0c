package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.jikji.ingest.RawPdf;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Crafted files through the real multipart API: the lying-page-count PDF is read as the two pages it has, in
 * seconds; files over a parser limit get a 422 problem naming the file and the limit, and the service goes on.
 */
@QuarkusTest
@Tag("quarkus")
class HostileFilesTest {

    @Test
    void theLyingPageCountPdfIsIngestedAsItsTwoRealPages() {
        byte[] liar = RawPdf.lyingPageCount(2_000_000_000L);
        long t0 = System.nanoTime();
        given().multiPart("file", "liar.pdf", liar, "application/pdf").post("/api/v1/documents")
                .then().statusCode(200).body("results[0].status", equalTo("created")).body("results[0].chunks", equalTo(2));
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms").isLessThan(20_000);
        List<Integer> pages = given().contentType("application/json").body(Map.of("query", "zebra enclosure rules",
                "filter", Map.of("documentIds", List.of("liar.pdf")))).post("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("hits.page", Integer.class);
        assertThat(pages).contains(2);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aPdfOverThePageLimitGets422NamingTheFileAndTheLimit() {
        byte[] pdf = RawPdf.emptyPages(2_100); // jikji.parsing.max-pages is 2000
        Response r = given().multiPart("file", "blank-pages.pdf", pdf, "application/pdf").post("/api/v1/documents");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.<String>path("field")).isEqualTo("file[blank-pages.pdf]");
        assertThat(r.<String>path("detail")).contains("blank-pages.pdf").contains("jikji.parsing.max-pages");
        assertThat(r.<String>path("errors[0].error.limit")).isEqualTo("jikji.parsing.max-pages");
        given().get("/api/v1/documents/blank-pages.pdf").then().statusCode(404);
    }

    @Test
    void inABatchTheFileOverALimitFailsAloneAndTheOthersAreIngested() {
        Response r = given().multiPart("file", "gallery-ok.md", "# Fine\n\nThe ocelot sleeps by day.".getBytes(), "text/markdown")
                .multiPart("file", "blank-pages-2.pdf", RawPdf.emptyPages(2_100), "application/pdf")
                .post("/api/v1/documents");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.<Integer>path("failed")).isEqualTo(1);
        assertThat(r.<String>path("results[1].error.limit")).isEqualTo("jikji.parsing.max-pages");
        assertThat(r.<String>path("results[0].status")).isIn("created", "unchanged");
    }

    @Test
    void deepNestingAndHugeImagesNeverGiveA5xx() {
        Response deep = given().multiPart("file", "deep.pdf", RawPdf.deepNesting(100_000), "application/pdf").post("/api/v1/documents");
        assertThat(deep.statusCode()).as(deep.asString()).isIn(200, 400, 422);
        Response huge = given().multiPart("file", "huge.pdf", RawPdf.hugeImage(100_000), "application/pdf").post("/api/v1/documents");
        assertThat(huge.statusCode()).as(huge.asString()).isEqualTo(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}
