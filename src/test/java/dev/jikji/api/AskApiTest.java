package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** /api/v1/ask on the embedded defaults (extractive answers), JSON and Server-Sent Events. */
@QuarkusTest
@Tag("quarkus")
class AskApiTest {

    static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    @TestHTTPResource("/api/v1/ask")
    URI askUri;

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    static JsonPath ask(Object body) {
        return given().contentType("application/json").body(body)
                .when().post("/api/v1/ask")
                .then().statusCode(200).extract().jsonPath();
    }

    static TreeSet<Integer> markers(String answer) {
        TreeSet<Integer> out = new TreeSet<>();
        Matcher m = MARKER.matcher(answer);
        while (m.find()) out.add(Integer.parseInt(m.group(1)));
        return out;
    }

    @Test
    void answersAKoreanQuestionWithCheckedCitationsFromTheRightDocument() {
        JsonPath r = ask(Map.of("question", "API 키 교체 주기는 어떻게 되나요?"));
        assertThat(r.getBoolean("abstained")).isFalse();
        assertThat(r.getString("mode")).isEqualTo("extractive");
        assertThat(r.getString("language")).isEqualTo("ko");
        String answer = r.getString("answer");
        assertThat(answer).contains("90일");
        List<Integer> cited = r.getList("citations.n", Integer.class);
        assertThat(cited).isNotEmpty();
        assertThat(new TreeSet<>(cited)).as("citations list exactly the markers in: %s", answer).isEqualTo(markers(answer));
        assertThat(r.getList("citations.documentId", String.class)).contains("security-and-access-policy.md");
        assertThat(r.getString("citations[0].quote")).isNotBlank();
        assertThat(r.getString("models.embedding")).isNotBlank();
        assertThat(r.getString("models.generator")).isEqualTo("extractive");
        assertThat(r.getLong("timings.totalMs")).isGreaterThanOrEqualTo(r.getLong("timings.retrieveMs"));
        // every cited number names a source that was given
        List<Integer> given = r.getList("sources.n", Integer.class);
        assertThat(given).containsAll(cited);
    }

    @Test
    void readinessSaysWhichRerankerAndGeneratorAnswer() {
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'answering' }.data.mode")).isEqualTo("extractive");
        assertThat(health.getString("checks.find { it.name == 'answering' }.data.generator")).isEqualTo("extractive");
        assertThat(health.getString("checks.find { it.name == 'answering' }.data.reranker")).isEqualTo("builtin");
    }

    @Test
    void answersAnEnglishQuestionInEnglish() {
        JsonPath r = ask(Map.of("question", "Who acts as release captain for a given cycle?"));
        assertThat(r.getString("language")).isEqualTo("en");
        assertThat(r.getBoolean("abstained")).isFalse();
        assertThat(r.getString("answer")).contains("on-call engineer of the previous week");
        assertThat(r.getList("citations.documentId", String.class)).contains("release-process.md");
    }

    @Test
    void abstainsWhenTheDocumentsDoNotHoldTheAnswerAndListsTheNearestSources() {
        JsonPath r = ask(Map.of("question", "사내 식당 이번 주 점심 메뉴는 어디서 확인할 수 있나요?"));
        assertThat(r.getBoolean("abstained")).isTrue();
        assertThat(r.getString("answer")).startsWith("문서에서 이 질문의 답을 찾지 못했습니다");
        assertThat(r.getList("citations")).isEmpty();
        assertThat(r.getString("abstentionReason")).contains("cover");
        assertThat(r.getList("sources")).isNotEmpty();

        JsonPath en = ask(Map.of("question", "Which team won the 2025 internal hackathon?"));
        assertThat(en.getBoolean("abstained")).isTrue();
        assertThat(en.getString("answer")).startsWith("I could not find the answer");
    }

    @Test
    void filterLimitsTheSourcesToTheNamedDocuments() {
        JsonPath r = ask(Map.of("question", "API 키 교체 주기는 어떻게 되나요?",
                "filter", Map.of("documentIds", List.of("release-process.md"))));
        assertThat(r.getList("sources.documentId", String.class)).containsOnly("release-process.md");
        assertThat(r.getList("citations.documentId", String.class)).doesNotContain("security-and-access-policy.md");
    }

    @Test
    void topKBoundsTheSourcesGiven() {
        JsonPath r = ask(Map.of("question", "청크 사이에 겹치는 부분을 두는 이유가 뭔가요?", "topK", 2));
        assertThat(r.getList("sources")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void streamsTokensThenCitationsThenDone() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(askUri)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"보안 사고가 의심되면 발견하고 얼마 안에 보고해야 하나요?\"}"))
                .build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String[]> events = new ArrayList<>();
        String name = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.startsWith("event: ")) name = line.substring(7);
            else if (line.startsWith("data: ")) events.add(new String[] {name, line.substring(6)});
        }
        ObjectMapper json = new ObjectMapper();
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertThat(names).last().isEqualTo("done");
        assertThat(names.get(names.size() - 2)).isEqualTo("citations");
        assertThat(names.subList(0, names.size() - 2)).isNotEmpty().containsOnly("token");
        StringBuilder streamed = new StringBuilder();
        for (String[] e : events) if (e[0].equals("token")) streamed.append(json.readTree(e[1]).get("text").asText());
        JsonNode done = json.readTree(events.getLast()[1]);
        assertThat(done.get("abstained").asBoolean()).isFalse();
        assertThat(done.get("answer").asText()).isEqualTo(streamed.toString().strip());
        assertThat(done.get("answerCorrected").asBoolean()).isFalse();
        assertThat(done.get("answer").asText()).contains("1시간");
        JsonNode citations = json.readTree(events.get(events.size() - 2)[1]).get("citations");
        assertThat(citations).hasSameSizeAs(done.get("citations"));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().contentType("application/json").body("{}").when().post("/api/v1/ask")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("question"));
        given().contentType("application/json").body(Map.of("question", "  ")).when().post("/api/v1/ask")
                .then().statusCode(400).body("field", equalTo("question"));
        given().contentType("application/json").body(Map.of("question", "x".repeat(2001))).when().post("/api/v1/ask")
                .then().statusCode(400).body("field", equalTo("question"));
        given().contentType("application/json").body(Map.of("question", "q", "topK", 0)).when().post("/api/v1/ask")
                .then().statusCode(400).body("field", equalTo("topK"));
        given().contentType("application/json").body("{\"question\": \"q\", \"topK\": \"five\"}").when().post("/api/v1/ask")
                .then().statusCode(400).body("field", equalTo("topK"));
        given().contentType("application/json").body("{\"question\": \"q\", \"filter\": {\"documentIds\": [\"\"]}}")
                .when().post("/api/v1/ask")
                .then().statusCode(400).body("field", equalTo("filter.documentIds"));
        // a bad streamed request is refused before any stream opens
        given().contentType("application/json").accept("text/event-stream").body("{}").when().post("/api/v1/ask")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("question"));
    }
}
