package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Overlong UTF-8, look-alike separators, invisible characters and decomposed Hangul in ids, over real HTTP. */
@QuarkusTest
@Tag("quarkus")
class StrictInputTest {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else for (int b : (int[]) p) out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void overlongUtf8IsRefusedEverywhere() {
        byte[] slash = bytes("{\"id\":\"bad", new int[] {0xC0, 0xAF}, "x.md\",\"text\":\"hello\"}");
        byte[] dots = bytes("{\"id\":\"bad", new int[] {0xC0, 0xAE, 0xC0, 0xAE}, "\",\"text\":\"hello\"}");
        for (byte[] body : List.of(slash, dots)) {
            Response r = given().contentType("application/json").body(body).post("/api/v1/documents");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
            assertThat(r.<String>path("field")).isEqualTo("body");
            assertThat(r.<String>path("detail")).contains("UTF-8");
            Response nd = given().contentType("application/x-ndjson").body(body).post("/api/v1/documents");
            assertThat(nd.statusCode()).as(nd.asString()).isEqualTo(400);
            for (String path : List.of("/api/v1/search", "/api/v1/ask")) {
                byte[] q = bytes("{\"query\":\"a", new int[] {0xC0, 0xAF}, "b\",\"question\":\"a", new int[] {0xE0, 0x80, 0xAF}, "\"}");
                assertThat(given().contentType("application/json").body(q).post(path).statusCode()).as(path).isEqualTo(400);
            }
        }
        given().get("/api/v1/documents/bad/x.md").then().statusCode(404);
        given().get("/api/v1/documents/bad..").then().statusCode(404);
    }

    @Test
    void lookAlikeSeparatorsAndInvisibleCharactersInIdsAreRefused() {
        for (String id : List.of("wiki\u2215vpn.md", "wiki/\u200Bvpn.md", "wiki\uFF0Fvpn.md")) {
            Response r = given().contentType("application/json").body(Map.of("id", id, "text", "The lynx den.")).post("/api/v1/documents");
            assertThat(r.statusCode()).as(id + ": " + r.asString()).isEqualTo(400);
            assertThat(r.<String>path("field")).isEqualTo("id");
            // the id as a multipart field, sent in UTF-8 (RestAssured writes file names in ISO-8859-1)
            Response m = given().multiPart("file", "lynx.txt", "The lynx den.".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .multiPart(new io.restassured.builder.MultiPartSpecBuilder(id).controlName("id").charset("UTF-8").build())
                    .post("/api/v1/documents");
            assertThat(m.statusCode()).as(id + " (multipart): " + m.asString()).isEqualTo(400);
        }
    }

    @Test
    void idsAreStoredInNfcAndFoundInEitherForm() {
        String nfc = "인사/휴가 규정.md";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        given().contentType("application/json").body(Map.of("id", nfd, "text", "연차 휴가는 15일이다."))
                .post("/api/v1/documents").then().statusCode(200);
        assertThat(given().get("/api/v1/documents/" + nfc).then().statusCode(200).extract().<String>path("id")).isEqualTo(nfc);
        given().get("/api/v1/documents/" + nfd).then().statusCode(200);
        // the other spelling is the same document, not a second one
        assertThat(given().contentType("application/json").body(Map.of("id", nfc, "text", "연차 휴가는 15일이다."))
                .post("/api/v1/documents").then().statusCode(200).extract().<String>path("results[0].status")).isEqualTo("unchanged");
    }
}
