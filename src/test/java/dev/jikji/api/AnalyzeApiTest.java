package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.TextTerms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** POST /api/v1/analyze over real HTTP: the terms a text becomes, as the index reads documents and questions. */
@QuarkusTest
@Tag("quarkus")
class AnalyzeApiTest {

    private static JsonPath analyze(String text) {
        return given().contentType("application/json").body(Map.of("text", text)).post("/api/v1/analyze").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void koreanParticlesAndEndingsAreDroppedAndEachTermKeepsItsSurfaceAndPartOfSpeech() {
        JsonPath r = analyze("연차는 인사 포털에서 신청했다");
        List<String> terms = r.getList("tokens.term", String.class);
        // the very analysis the index uses (shipped defaults: Nori discard, VCP/VCN/NNB dropped)
        assertThat(terms).isEqualTo(TextTerms.of(JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB")))
                .sequence("연차는 인사 포털에서 신청했다"));
        assertThat(terms).contains("연차", "인사", "포털", "신청").doesNotContain("는", "에서");
        assertThat(r.getString("tokens[0].surface")).isEqualTo("연차");
        assertThat(r.getInt("tokens[0].start")).isZero();
        assertThat(r.getInt("tokens[0].end")).isEqualTo(2);
        assertThat(r.getString("tokens[0].partOfSpeech")).isEqualTo("NNG");
        assertThat(r.getString("tokens[0].partOfSpeechName")).isNotBlank();
        assertThat(r.getList("tokens.synonym", Boolean.class)).containsOnly(false);
        assertThat(r.getString("analysis")).startsWith("nori:discard").doesNotContain("+syn:");
        assertThat(r.getInt("synonymRules")).isZero();
    }

    @Test
    void englishGoesThroughTheEnglishChainWithTheWordItCameFrom() {
        JsonPath r = analyze("The VPNs were renewed");
        // "the" is one of Lucene's English stop words ("were" is not); plural and tense are stemmed away
        assertThat(r.getList("tokens.term", String.class)).containsExactly("vpn", "were", "renew");
        assertThat(r.getList("tokens.surface", String.class)).containsExactly("VPNs", "were", "renewed");
        assertThat(r.getList("tokens.position", Integer.class)).containsExactly(1, 2, 3);
        assertThat(r.getString("tokens[0].partOfSpeech")).isEqualTo("SL");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        BadInputTest.problem(given().contentType("application/json").body(Map.of()).post("/api/v1/analyze").then(), 400, "text");
        BadInputTest.problem(given().contentType("application/json").body(Map.of("text", " \n")).post("/api/v1/analyze").then(),
                400, "text");
        BadInputTest.problem(given().contentType("application/json").body(Map.of("text", "가".repeat(4_001)))
                .post("/api/v1/analyze").then(), 400, "text");
        BadInputTest.problem(given().contentType("application/json").body(Map.of("text", "a\u0000b")).post("/api/v1/analyze")
                .then(), 400, "text");
        BadInputTest.problem(given().contentType("application/json").body("[1]").post("/api/v1/analyze").then(), 400, "body");
        BadInputTest.problem(given().contentType("application/json").body("{\"text\": 42}").post("/api/v1/analyze").then(),
                400, "text");
    }
}
