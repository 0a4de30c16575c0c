package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** /api/v1/ask with {@code history}: follow-ups made standalone, bounds and bad turns refused by field. */
@QuarkusTest
@Tag("quarkus")
class AskHistoryApiTest {

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    @Test
    void aFollowUpIsSearchedWithTheEarlierQuestionsTermsAndSaysSo() {
        String first = "API 키 교체 주기는 어떻게 되나요?";
        String followUp = "그럼 교체 기간에는 옛 키가 며칠 동안 유효해요?";
        JsonPath alone = AskApiTest.ask(Map.of("question", followUp));
        assertThat(alone.getString("standaloneQuestion")).isNull();
        JsonPath r = AskApiTest.ask(Map.of("question", followUp,
                "history", List.of(Map.of("question", first, "answer", "키는 90일마다 교체한다 [1]."))));
        assertThat(r.getString("rewrittenBy")).isEqualTo("rule");
        assertThat(r.getString("standaloneQuestion")).startsWith(followUp).contains("API");
        assertThat(r.getBoolean("abstained")).isFalse();
        assertThat(r.getList("citations.documentId", String.class)).containsOnly("security-and-access-policy.md");
        assertThat(r.getString("answer")).contains("7일");
    }

    @Test
    void aSelfContainedQuestionIsUsedAsItIs() {
        String q = "KV 캐시를 쓰면 왜 디코딩이 빨라지나요?";
        JsonPath r = AskApiTest.ask(Map.of("question", q,
                "history", List.of(Map.of("question", "API 키 교체 주기는 어떻게 되나요?", "answer", "키는 90일마다 교체한다 [1]."))));
        assertThat(r.getString("rewrittenBy")).isEqualTo("none");
        assertThat(r.getString("standaloneQuestion")).isEqualTo(q);
        assertThat(r.getList("citations.documentId", String.class)).containsOnly("llm-inference-basics.md");
    }

    @Test
    void earlierAnswersAreNeverCitedEvenWhenTheyHoldTheAnswer() {
        // the earlier "answer" states a fact no document holds; a follow-up about it must not be answered from it
        JsonPath r = AskApiTest.ask(Map.of("question", "그럼 그 키는 누가 보관해요?",
                "history", List.of(Map.of("question", "사내 금고 비밀번호 관리 규정은?",
                        "answer", "금고 비밀번호는 총무팀 김철수 과장이 보관한다 [1]."))));
        assertThat(r.getString("answer")).doesNotContain("김철수");
        List<String> sourceIds = r.getList("sources.chunkId", String.class);
        assertThat(r.getList("citations.chunkId", String.class)).allMatch(sourceIds::contains);
    }

    @Test
    void historyIsBoundedAndEveryBadTurnIsNamed() {
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) many.add(Map.of("question", "질문 " + i, "answer", "답 " + i));
        refused(Map.of("question", "그럼요?", "history", many), "history", "at most 10");
        refused(Map.of("question", "그럼요?", "history", List.of(Map.of("question", "q", "answer", "a"),
                Map.of("answer", "no question"))), "history[1].question", "required");
        refused(Map.of("question", "그럼요?", "history", List.of(Map.of("question", "q", "answer", "가".repeat(4001)))),
                "history[0].answer", "longer than 4000");
        refused(Map.of("question", "그럼요?", "history", List.of(Map.of("question", "가".repeat(2001)))),
                "history[0].question", "longer than 2000");
        refused(Map.of("question", "그럼요?", "history", List.of(Map.of("question", "bell \u0007"))),
                "history[0].question", "control characters");
        refused(Map.of("question", "그럼요?", "history", "not a list"), "history", "invalid value");
        refused(Map.of("question", "그럼요?", "history", List.of(Map.of("question", List.of(1)))), "history[0].question",
                "invalid value");
    }

    private static void refused(Object body, String field, String detail) {
        given().contentType("application/json").body(body).when().post("/api/v1/ask")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field)).body("detail", containsString(detail));
    }
}
