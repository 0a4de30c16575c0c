package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.IndexFields;
import dev.jikji.index.LuceneIndex;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bulk ingest embeds chunks of many documents together; every vector must still land on its own chunk. */
@QuarkusTest
@Tag("quarkus")
class BulkIngestTest {

    @Inject
    LuceneIndex index;

    @Inject
    EmbeddingModels embeddings;

    // "egret" and "fjord", words no other test uses: the test profile shares one index across classes, and these 300
    // documents' 38 "heron" and 43 "glacier" notes filled DocumentsApiTest's "heron project" hits (18 of its top 20)
    // and EvalCorpusTest's glacier questions' hits right after their own passages
    static String text(int i) {
        String[] animals = {"otter", "egret", "badger", "lynx", "walrus", "gecko", "ibis", "marten"};
        String[] places = {"harbour", "fjord", "orchard", "canyon", "lagoon", "meadow", "quarry"};
        return "Bulk note " + i + ": the " + animals[i % animals.length] + " team meets at the "
                + places[i % places.length] + " on day " + (i % 28 + 1) + " to review ticket BULK-" + i + ".";
    }

    @Test
    void vectorsStayWithTheirChunksAcrossEmbeddingGroups() throws Exception {
        int n = 300; // more chunks than one embedding group (256)
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ndjson.append("{\"id\":\"bulk/").append(i).append("\",\"text\":\"").append(text(i)).append("\"}\n");
        }
        JsonPath r = given().contentType("application/x-ndjson").body(ndjson.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/documents").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("results.status")).hasSize(n).containsOnly("created");
        assertThat(r.getList("results.id", String.class).get(299)).isEqualTo("bulk/299");

        for (int i : new int[] {0, 137, 255, 256, 299}) {
            // the stored vector of document i is the passage embedding of its own text: the nearest
            // neighbour of that embedding must be document i itself
            String contextual = "bulk/" + i + "\n\n" + text(i);
            float[] v = embeddings.passageModel().embed(contextual).content().vector();
            String nearest = index.withSearcher(s -> {
                TopDocs top = s.search(new KnnFloatVectorQuery(IndexFields.VECTOR, v, 1), 1);
                return s.storedFields().document(top.scoreDocs[0].doc).get(IndexFields.DOC_ID);
            });
            assertThat(nearest).as("nearest chunk to document %d's own embedding", i).isEqualTo("bulk/" + i);
        }
    }

    @Test
    void repeatedIdsInOneBatchAreUpsertedInOrder() {
        List<Map<String, String>> batch = List.of(
                Map.of("id", "dup/x", "text", "Version one of the kestrel memo."),
                Map.of("id", "dup/x", "text", "Version one of the kestrel memo."),
                Map.of("id", "dup/x", "text", "Version two of the kestrel memo."));
        JsonPath r = given().contentType("application/json").body(batch)
                .post("/api/v1/documents").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("results.status")).containsExactly("created", "unchanged", "updated");
        List<String> texts = given().contentType("application/json")
                .body(Map.of("query", "kestrel memo", "filter", Map.of("documentIds", List.of("dup/x"))))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.text");
        assertThat(texts).containsExactly("Version two of the kestrel memo.");
    }
}
