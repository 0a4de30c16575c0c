package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("quarkus")
class SearchApiTest {

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    static JsonPath search(Object body) {
        return given().contentType("application/json").body(body)
                .when().post("/api/v1/search")
                .then().statusCode(200).extract().jsonPath();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            서버가 write.lock 때문에 안 뜨면 어떻게 해요?            | jikji-runbook.md
            문서를 여러 개 한 번에 올리려면 어떤 형식으로 보내나요?        | jikji-api-guide.md
            청크 사이에 겹치는 부분을 두는 이유가 뭔가요?               | chunking-strategy.md
            역순위 융합 점수는 어떻게 계산하나요?                      | hybrid-search-and-rrf.md
            KV 캐시가 디코딩을 빠르게 하는 원리는?                     | llm-inference-basics.md
            API 키가 유출되면 무엇을 해야 하나요?                      | security-and-access-policy.md
            Why did search return stale results after the OOM kill? | incident-postmortem-2026-03.md
            How do we measure whether retrieval got better?         | evaluation-guide.md
            What should the model do when the sources do not contain the answer? | prompt-engineering-notes.md
            How is a canary release rolled back?                    | release-process.md
            """)
    void questionsFindTheirDocumentInTopThree(String question, String documentId) {
        JsonPath r = search(Map.of("query", question.strip(), "topK", 3));
        List<String> ids = r.getList("hits.documentId");
        assertThat(ids).as("top 3 for: %s", question).contains(documentId.strip());
        assertThat(r.getList("hits.rank", Integer.class)).containsExactly(1, 2, 3);
    }

    @Test
    void koreanQuerySkipsTheVectorLegOfTheEnglishOnlyEmbedder() {
        JsonPath r = search(Map.of("query", "임베딩 모델을 바꾸면 무엇을 해야 하나요?"));
        assertThat(r.getString("retrieval.mode")).isEqualTo("hybrid");
        assertThat(r.getString("retrieval.language")).isEqualTo("ko");
        assertThat(r.getString("retrieval.embeddingModel")).contains("e5-small-v2");
        assertThat(r.getBoolean("retrieval.legs.find { it.name == 'bm25' }.ran")).isTrue();
        assertThat(r.getBoolean("retrieval.legs.find { it.name == 'vector' }.ran")).isFalse();
        assertThat(r.getFloat("retrieval.legs.find { it.name == 'vector' }.weight")).isZero();
        assertThat(r.getList("hits")).hasSize(10);
    }

    @Test
    void englishQueryRunsBothLegs() {
        JsonPath r = search(Map.of("query", "What were the action items of the postmortem?"));
        assertThat(r.getString("retrieval.language")).isEqualTo("en");
        assertThat(r.getBoolean("retrieval.legs.find { it.name == 'vector' }.ran")).isTrue();
        assertThat(r.getInt("retrieval.legs.find { it.name == 'vector' }.candidates")).isPositive();
        assertThat(r.getLong("timings.totalMs")).isGreaterThanOrEqualTo(r.getLong("timings.embedMs"));
    }

    @Test
    void oneHitPerChunkAndTopKHonoured() {
        JsonPath r = search(Map.of("query", "Jikji 검색 API", "topK", 25));
        List<String> chunkIds = r.getList("hits.chunkId");
        assertThat(chunkIds).hasSize(25).doesNotHaveDuplicates();
        // reranked: the reranker's scores descend; the fusion scores of the candidates are kept as they were
        List<Float> scores = r.getList("hits.rerankScore", Float.class);
        assertThat(scores).hasSize(25).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(r.getList("hits.score", Float.class)).hasSize(25).allMatch(s -> s > 0);
    }

    @Test
    void documentIdFilterRestrictsBothLegs() {
        JsonPath r = search(Map.of("query", "How do we measure recall?", "topK", 20,
                "filter", Map.of("documentIds", List.of("release-process.md", "rag-overview.md"))));
        assertThat(r.getList("hits.documentId", String.class)).isNotEmpty()
                .allMatch(id -> id.equals("release-process.md") || id.equals("rag-overview.md"));
    }

    @Test
    void metadataFilterMatchesExactly() {
        given().contentType("application/json").body(Map.of("id", "filter-test/a", "text",
                        "Quarterly OKR planning happens in the first week of each quarter.",
                        "metadata", Map.of("team", "platform")))
                .post("/api/v1/documents").then().statusCode(200);
        given().contentType("application/json").body(Map.of("id", "filter-test/b", "text",
                        "Quarterly OKR planning for sales happens after the board meeting.",
                        "metadata", Map.of("team", "sales")))
                .post("/api/v1/documents").then().statusCode(200);
        JsonPath r = search(Map.of("query", "quarterly OKR planning",
                "filter", Map.of("metadata", Map.of("team", "sales"))));
        assertThat(r.getList("hits.documentId", String.class)).containsExactly("filter-test/b");
    }

    @Test
    void healthReportsTheModelInUseAndTheIndexSizeIsAMetric() {
        given().get("/q/health/live").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("status")).isEqualTo("UP");
        // health is answered without a key: it says whether the index is usable, never how much it holds
        assertThat(ready.getBoolean("checks.find { it.name == 'index' }.data.rebuilding")).isFalse();
        assertThat(ready.getMap("checks.find { it.name == 'index' }.data")).doesNotContainKeys("documents", "chunks", "path");
        // which analysis the index was built with: Nori's mode, the dictionary's hash, no synonyms configured
        assertThat(ready.getString("checks.find { it.name == 'index' }.data.analysis")).startsWith("nori:discard")
                .contains("+dict:").doesNotContain("+syn:").doesNotContain("/");
        assertThat(dev.jikji.observe.Scrape.take().sum("jikji_index_documents")).isGreaterThanOrEqualTo(13);
        assertThat(ready.getString("checks.find { it.name == 'embedding-model' }.data.name")).contains("e5-small-v2");
        assertThat(ready.getString("checks.find { it.name == 'embedding-model' }.data.executionProvider")).isEqualTo("CPU");
    }

    @Test
    void hitsCarryCitationFields() {
        JsonPath r = search(Map.of("query", "청크 크기는 몇 토큰인가요?", "topK", 1));
        assertThat(r.getString("hits[0].documentId")).isNotBlank();
        assertThat(r.getString("hits[0].chunkId")).startsWith(r.getString("hits[0].documentId") + "#");
        assertThat(r.getString("hits[0].title")).isNotBlank();
        assertThat(r.getString("hits[0].source")).startsWith("docs-corpus/");
        assertThat(r.getList("hits[0].headingPath")).isNotEmpty();
        assertThat(r.getString("hits[0].text")).isNotBlank();
    }
}
