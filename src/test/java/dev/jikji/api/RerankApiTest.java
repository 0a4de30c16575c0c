package dev.jikji.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.search.LuceneContentRetriever;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.SearchHit;
import dev.jikji.search.SearchQuery;
import dev.jikji.search.SearchResult;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With the default configuration (no cross-encoder installed) search is reranked by the built-in reranker. */
@QuarkusTest
@Tag("quarkus")
class RerankApiTest {

    @Inject
    RerankedSearch search;

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    @Test
    void searchReturnsRerankScoresAndNamesTheReranker() {
        JsonPath r = SearchApiTest.search(Map.of("query", "서버가 write.lock 때문에 안 뜨면 어떻게 해요?", "topK", 5));
        assertThat(r.getString("retrieval.reranker")).isEqualTo("builtin");
        assertThat(r.getList("hits.rank", Integer.class)).containsExactly(1, 2, 3, 4, 5);
        List<Float> rerank = r.getList("hits.rerankScore", Float.class);
        assertThat(rerank).hasSize(5).doesNotContainNull().isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(r.getList("hits.score", Float.class)).hasSize(5).allMatch(s -> s > 0);
        assertThat(r.getList("hits.documentId", String.class).subList(0, 3)).contains("jikji-runbook.md");
        assertThat(r.getLong("timings.rerankMs")).isNotNegative();
        assertThat(r.getLong("timings.totalMs")).isGreaterThanOrEqualTo(r.getLong("timings.rerankMs"));
    }

    @Test
    void englishQueriesAreRerankedToo() {
        JsonPath r = SearchApiTest.search(Map.of("query", "How is a canary release rolled back?", "topK", 3));
        assertThat(r.getString("retrieval.reranker")).isEqualTo("builtin");
        assertThat(r.getString("retrieval.mode")).isEqualTo("hybrid");
        assertThat(r.getList("hits.rerankScore")).hasSize(3).doesNotContainNull();
        assertThat(r.getList("hits.documentId")).contains("release-process.md");
    }

    @Test
    void theIntegratorsCallKeepsFusionScoresAndFiltersAndFusionOrderHasNoRerankScore() {
        SearchResult reranked = search.search(new SearchQuery("청크 사이에 겹치는 부분을 두는 이유", 4, SearchFilter.NONE));
        assertThat(reranked.retrieval().reranker()).isEqualTo("builtin");
        assertThat(reranked.hits()).hasSize(4).allMatch(h -> h.rerankScore() != null && h.score() > 0);
        assertThat(reranked.hits().getFirst().documentId()).isEqualTo("chunking-strategy.md");

        SearchResult fusion = search.search(new SearchQuery("청크 사이에 겹치는 부분을 두는 이유", 4, SearchFilter.NONE), null, "none");
        assertThat(fusion.retrieval().reranker()).isEqualTo("none");
        assertThat(fusion.hits()).allMatch(h -> h.rerankScore() == null);
        assertThat(fusion.timings().rerankMs()).isZero();

        SearchResult filtered = search.search(new SearchQuery("API 키", 10,
                new SearchFilter(List.of("security-and-access-policy.md"), Map.of())));
        assertThat(filtered.hits()).isNotEmpty().extracting(SearchHit::documentId).containsOnly("security-and-access-policy.md");
    }

    @Test
    void contentRetrieverUsesTheRerankedSearch() {
        List<Content> contents = new LuceneContentRetriever(search, 3).retrieve(Query.from("KV 캐시가 디코딩을 빠르게 하는 원리는?",
                dev.langchain4j.rag.query.Metadata.builder().chatMessage(dev.langchain4j.data.message.UserMessage.from("q"))
                        .invocationContext(dev.langchain4j.invocation.InvocationContext.builder()
                                .invocationParameters(dev.langchain4j.invocation.InvocationParameters.from(
                                        LuceneContentRetriever.FILTER, SearchFilter.NONE)).build()).build()));
        assertThat(contents).hasSize(3);
        assertThat(contents.getFirst().textSegment().metadata().getString("documentId")).isEqualTo("llm-inference-basics.md");
        assertThat(contents).allMatch(c -> c.textSegment().metadata().getDouble("rerankScore") != null);
    }
}
