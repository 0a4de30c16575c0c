package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.embed.EncoderSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A model installed in the model folder replaces the embedded one through configuration alone, and
 * the languages it declares drive the fusion: here a stand-in (the embedded e5 files described as
 * covering Korean, so it is honestly named a stand-in) makes the vector leg run for Korean queries.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(InstalledModelTest.StandInModel.class)
class InstalledModelTest {

    public static class StandInModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Path.of("target/test-models/declares-korean");
            try {
                Files.createDirectories(dir);
                EncoderSpec.Located embedded = EncoderSpec.embedded();
                Files.copy(embedded.model(), dir.resolve("model.onnx"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(embedded.tokenizer(), dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve("embedding.json"), """
                        {"name": "test stand-in: e5-small-v2 declared as ko+en", "dimension": 384,
                         "queryPrefix": "query: ", "passagePrefix": "passage: ", "languages": ["ko", "en"]}
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("jikji.embedding.model-dir", dir.toString(),
                    "jikji.data.dir", "target/test-data/installed-model-" + System.nanoTime());
        }
    }

    @Test
    void configuredModelIsUsedAndItsLanguagesDecideTheVectorLeg() {
        given().contentType("application/json").body(Map.of("id", "installed/1", "text", "# 배포\n\n배포는 화요일에 한다."))
                .post("/api/v1/documents").then().statusCode(200);
        JsonPath r = given().contentType("application/json").body(Map.of("query", "배포는 언제 하나요?"))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("retrieval.embeddingModel")).isEqualTo("test stand-in: e5-small-v2 declared as ko+en");
        assertThat(r.getString("retrieval.language")).isEqualTo("ko");
        assertThat(r.getBoolean("retrieval.legs.find { it.name == 'vector' }.ran")).isTrue();
        assertThat(r.getFloat("retrieval.legs.find { it.name == 'vector' }.weight")).as("jikji.search.vector-weight")
                .isEqualTo(2.0f);
        assertThat(r.getList("hits.documentId")).contains("installed/1");
    }
}
