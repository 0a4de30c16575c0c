package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.FaultInjectingDirectories;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A full disk under the real index (injected through a Lucene FilterDirectory that throws "No space left on
 * device"): writes get 507 naming the cause, readiness turns DOWN with the reason, and once the disk has room
 * again the service writes without a restart, with every acknowledged document still there.
 */
@QuarkusTest
@Tag("quarkus")
class WriteFailureTest {

    @AfterEach
    void freeTheDisk() {
        FaultInjectingDirectories.diskFull = false;
    }

    private static Response ingest(String id, String text) {
        return given().contentType("application/json").body(Map.of("id", id, "text", text)).post("/api/v1/documents");
    }

    @Test
    void aFullDiskIsReportedAndWritesRecoverWhenItIsFreed() throws Exception {
        ingest("disk/before.md", "The narwhal migration starts in spring.").then().statusCode(200);

        FaultInjectingDirectories.diskFull = true;
        // several writes in a row: the first may close Lucene's writer (a tragic event), the next ones must still be clear
        for (int i = 0; i < 3; i++) {
            Response r = ingest("disk/during-" + i + ".md", "The beluga count number " + i + " is written while the disk is full.");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(507);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("detail")).contains("disk is full").doesNotContain("/");
        }
        // nothing acknowledged was lost with the writer that closed itself
        given().get("/api/v1/documents/disk/before.md").then().statusCode(200);
        Response delete = given().delete("/api/v1/documents/disk/before.md");
        assertThat(delete.statusCode()).as(delete.asString()).isIn(507, 503);
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.asString()).contains("disk is full");
        // reads still work meanwhile
        given().get("/api/v1/documents/disk/before.md").then().statusCode(200);

        FaultInjectingDirectories.diskFull = false;
        Response after = ingest("disk/after.md", "The orca pod was seen after the disk was freed.");
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/v1/documents/disk/before.md").then().statusCode(200);
        given().get("/api/v1/documents/disk/after.md").then().statusCode(200);
        given().delete("/api/v1/documents/disk/after.md").then().statusCode(200);
        given().get("/api/v1/documents/disk/after.md").then().statusCode(404);
    }

    @Test
    void readinessComesBackWithoutAnyWriteOnceTheDiskIsFreed() throws Exception {
        FaultInjectingDirectories.diskFull = true;
        assertThat(ingest("disk/idle.md", "The dugong grazes on seagrass.").statusCode()).isEqualTo(507);
        given().get("/q/health/ready").then().statusCode(503);
        FaultInjectingDirectories.diskFull = false;
        long until = System.nanoTime() + 20_000_000_000L;
        int status = 503;
        while (status != 200 && System.nanoTime() < until) {
            Thread.sleep(500);
            status = given().get("/q/health/ready").statusCode();
        }
        assertThat(status).as("readiness after the disk was freed").isEqualTo(200);
    }
}
