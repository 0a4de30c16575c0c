package dev.jikji.rerank;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A cross-encoder installed in {@code jikji.rerank.model-dir} is picked by {@code kind=auto} and orders the
 * hits: the test-built model of {@link OnnxCrossEncoderTest} (logit = sum of token weights; lock 3,
 * index 2, file 1) puts the chunk with the heaviest words first, whatever fusion thought.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(OnnxRerankApiTest.InstalledCrossEncoder.class)
class OnnxRerankApiTest {

    public static class InstalledCrossEncoder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Path.of("target/test-models/cross-encoder");
            try {
                Files.createDirectories(dir);
                OnnxCrossEncoderTest.writeTokenizer(dir);
                OnnxCrossEncoderTest.writeSingleLogitModel(dir.resolve("model.onnx"));
                Files.writeString(dir.resolve("reranker.json"), "{\"name\": \"test/sum-of-token-weights\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("jikji.rerank.model-dir", dir.toString(), "jikji.rerank.batch-size", "2",
                    "jikji.data.dir", "target/test-data/onnx-rerank-" + System.nanoTime());
        }
    }

    @Test
    void installedCrossEncoderOrdersTheHits() {
        for (var doc : List.of(Map.of("id", "ce/a", "text", "the index lock file sat. the cat sat."),
                Map.of("id", "ce/b", "text", "index index index index index the cat."),
                Map.of("id", "ce/c", "text", "lock lock lock lock file file index delete."))) {
            given().contentType("application/json").body(doc).post("/api/v1/documents").then().statusCode(200);
        }
        JsonPath r = given().contentType("application/json").body(Map.of("query", "index lock", "topK", 3))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("retrieval.reranker")).isEqualTo("test/sum-of-token-weights");
        // unknown words and punctuation weigh 0; query "index lock" adds 5 to every pair
        assertThat(r.getList("hits.documentId")).containsExactly("ce/c", "ce/b", "ce/a");
        assertThat(r.getList("hits.rerankScore", Double.class)).containsExactly(5 + 12 + 2 + 2 + 0.5, 5 + 10.0, 5 + 6.0);
    }

}
