package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.SearchQuery;
import dev.jikji.search.SearchResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The remote embedding model ({@code jikji.embedding.kind=openai}, LangChain4j's OpenAiEmbeddingModel) and the TEI
 * reranker ({@code jikji.rerank.kind=tei}) through the real app, against loopback stand-ins ({@link FakeModelServers}):
 * vectors and rerank scores really come from there, and its time-outs and errors become 503 and 502 problems.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(RemoteModelsTest.RemoteProfile.class)
class RemoteModelsTest {

    public static class RemoteProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeModelServers.class));
        }
    }

    static final List<Map<String, String>> DOCUMENTS = List.of(
            Map.of("id", "remote/cat", "text", "# 반려동물\n\n사무실에 고양이를 데려오려면 팀의 동의가 필요하다."),
            Map.of("id", "remote/deploy", "text", "# 배포\n\n배포는 화요일 오후에만 한다."),
            Map.of("id", "remote/vacation", "text", "# Vacation\n\nVacation days are requested two weeks ahead."),
            Map.of("id", "remote/server", "text", "# 서버\n\n서버 점검은 매달 첫째 주 토요일에 한다."),
            Map.of("id", "remote/lunch", "text", "# 점심\n\n점심 시간은 열두 시부터 한 시까지이다."),
            Map.of("id", "remote/parking", "text", "# Parking\n\nVisitors park on level B2 and register at the desk."));

    @Inject
    RerankedSearch search;

    @BeforeEach
    void documents() {
        FakeModelServers.reset();
        given().contentType("application/json").body(DOCUMENTS).post("/api/v1/documents").then().statusCode(200);
    }

    @Test
    void ingestAndSearchUseTheRemoteEmbedder() {
        given().contentType("application/json").body(Map.of("id", "remote/cat2", "text", "고양이 사료는 탕비실에 있다."))
                .post("/api/v1/documents").then().statusCode(200);
        assertThat(FakeModelServers.EMBEDDED).as("the chunk went to the server with the passage prefix")
                .anyMatch(t -> t.startsWith("passage: ") && t.contains("고양이 사료"));
        assertThat(FakeModelServers.EMBEDDING_AUTH).allMatch(a -> a.equals("Bearer " + FakeModelServers.EMBEDDING_KEY));
        // Korean is declared (ko,en): its chunks have vectors
        JsonPath doc = given().get("/api/v1/documents/remote/cat2").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getInt("embeddedChunks")).isEqualTo(doc.getInt("chunks")).isPositive();

        // "feline" is in no document: only the stand-in's vectors put the Korean cat document first (fusion order)
        SearchResult fused = search.search(new SearchQuery("feline", 5, SearchFilter.NONE), null, "none");
        assertThat(fused.retrieval().legs()).filteredOn(l -> !l.name().equals("vector")).allMatch(l -> l.candidates() == 0);
        assertThat(fused.retrieval().legs()).filteredOn(l -> l.name().equals("vector")).singleElement()
                .satisfies(l -> assertThat(l.ran()).isTrue());
        assertThat(fused.hits().getFirst().documentId()).isIn("remote/cat", "remote/cat2");
        assertThat(fused.hits().get(1).documentId()).isIn("remote/cat", "remote/cat2");
        assertThat(FakeModelServers.EMBEDDED).contains("query: feline");

        JsonPath r = SearchApiTest.search(Map.of("query", "feline", "topK", 3));
        assertThat(r.getString("retrieval.embeddingModel")).startsWith("stand-in/embedder @ http://127.0.0.1:");
        assertThat(r.getList("hits.documentId", String.class)).contains("remote/cat");
    }

    @Test
    void rerankOrderFollowsTheStandInScores() {
        JsonPath r = SearchApiTest.search(Map.of("query", "고양이 배포 서버 점심", "topK", 4));
        assertThat(r.getString("retrieval.reranker")).isEqualTo("stand-in/reranker @ http://127.0.0.1:"
                + r.getString("retrieval.reranker").replaceAll(".*:(\\d+)$", "$1"));
        assertThat(FakeModelServers.RERANK_QUERIES).as("candidates in requests of batch-size 4").hasSizeGreaterThan(1)
                .allMatch(q -> q.equals("고양이 배포 서버 점심"));
        assertThat(FakeModelServers.RERANK_AUTH).allMatch(a -> a.equals("Bearer " + FakeModelServers.RERANK_KEY));
        List<Double> best = FakeModelServers.RERANK_SCORES.stream().sorted(Comparator.reverseOrder()).limit(4).toList();
        assertThat(r.getList("hits.rerankScore", Double.class)).as("the stand-in's best scores, best first")
                .containsExactlyElementsOf(best);
    }

    @Test
    void readinessAndAnswersNameTheRemoteModels() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        Map<String, Object> embedding = ready.getMap("checks.find { it.name == 'embedding-model' }.data");
        assertThat((String) embedding.get("name")).startsWith("stand-in/embedder @ http://127.0.0.1:");
        assertThat(embedding.get("executionProvider")).isEqualTo("remote");
        assertThat(embedding.get("dimension")).as("read from the server's answer").isEqualTo(FakeModelServers.DIMENSION);
        assertThat(embedding.get("vectorLanguages")).isEqualTo("en,ko");
        assertThat(ready.getString("checks.find { it.name == 'answering' }.data.reranker")).startsWith("stand-in/reranker @ ");

        JsonPath a = given().contentType("application/json").body(Map.of("question", "배포는 언제 하나요?"))
                .post("/api/v1/ask").then().statusCode(200).extract().jsonPath();
        assertThat(a.getString("models.embedding")).startsWith("stand-in/embedder @ ");
        assertThat(a.getString("models.reranker")).startsWith("stand-in/reranker @ ");
    }

    @Test
    void aSlowEmbeddingServerIs503AndAFailingOne502() {
        FakeModelServers.embeddingMode = FakeModelServers.Mode.SLOW;
        Response slow = given().contentType("application/json").body(Map.of("query", "배포")).post("/api/v1/search");
        assertThat(slow.statusCode()).isEqualTo(503);
        assertThat(slow.contentType()).startsWith("application/problem+json");
        assertThat(slow.header("Retry-After")).isEqualTo("5");
        assertThat(slow.jsonPath().getString("title")).isEqualTo("Model server timed out");
        assertThat(slow.jsonPath().getString("detail")).contains("embedding server stand-in/embedder @ http://127.0.0.1:")
                .doesNotContain(FakeModelServers.EMBEDDING_KEY);

        FakeModelServers.embeddingMode = FakeModelServers.Mode.FAIL;
        Response failed = given().contentType("application/json")
                .body(Map.of("id", "remote/new", "text", "새 문서는 저장되지 않는다.")).post("/api/v1/documents");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.jsonPath().getString("title")).isEqualTo("Model server failed");
        assertThat(failed.jsonPath().getString("detail")).contains("HTTP 500").doesNotContain(FakeModelServers.EMBEDDING_KEY);
        FakeModelServers.embeddingMode = FakeModelServers.Mode.NORMAL;
        given().get("/api/v1/documents/remote/new").then().statusCode(404);
    }

    @Test
    void vectorsOfAnotherDimensionAreRefused() {
        FakeModelServers.embeddingMode = FakeModelServers.Mode.WRONG_DIMENSION;
        Response r = given().contentType("application/json")
                .body(Map.of("id", "remote/mixed", "text", "다른 모델의 벡터는 섞이지 않는다.")).post("/api/v1/documents");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.jsonPath().getString("detail")).contains("dimension " + (FakeModelServers.DIMENSION + 1))
                .contains("not " + FakeModelServers.DIMENSION);
        FakeModelServers.embeddingMode = FakeModelServers.Mode.NORMAL;
        given().get("/api/v1/documents/remote/mixed").then().statusCode(404);
    }

    @Test
    void aSlowRerankerIs503AndAFailingOne502() {
        FakeModelServers.rerankMode = FakeModelServers.Mode.SLOW;
        Response slow = given().contentType("application/json").body(Map.of("query", "배포")).post("/api/v1/search");
        assertThat(slow.statusCode()).isEqualTo(503);
        assertThat(slow.jsonPath().getString("title")).isEqualTo("Model server timed out");
        assertThat(slow.jsonPath().getString("detail")).contains("reranking server stand-in/reranker @ ");

        FakeModelServers.rerankMode = FakeModelServers.Mode.FAIL;
        Response failed = given().contentType("application/json").body(Map.of("query", "배포")).post("/api/v1/search");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.jsonPath().getString("detail")).contains("reranking server").contains("HTTP 500")
                .doesNotContain(FakeModelServers.RERANK_KEY);
    }
}
