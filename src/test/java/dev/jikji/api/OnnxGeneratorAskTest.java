package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.generate.SyntheticDecoder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/ask with the in-process ONNX decoder installed: a test-built decoder with the Optimum KV-cache
 * signature whose greedy path is scripted to answer "키는 90일마다 교체한다 [1]." (its random part is
 * scaled to nothing, so only the transition table decides), loaded by the service from
 * {@code jikji.generator.model-dir} exactly as a real export would be.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(OnnxGeneratorAskTest.ScriptedDecoder.class)
class OnnxGeneratorAskTest {

    static final List<String> ANSWER = List.of("키는", "90일마다", "교체한다", "[1].");

    public static class ScriptedDecoder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("jikji-decoder").resolve("asktest-decoder");
                List<String> tokens = new ArrayList<>(SyntheticDecoder.BASE_TOKENS);
                tokens.addAll(ANSWER);
                int vocab = tokens.size();
                float[][] table = new float[vocab][vocab];
                int assistant = tokens.indexOf("assistant");
                int previous = assistant;
                for (String word : ANSWER) {
                    table[previous][tokens.indexOf(word)] = 20f;
                    previous = tokens.indexOf(word);
                }
                table[previous][tokens.indexOf("<|im_end|>")] = 20f;
                SyntheticDecoder.Config config = new SyntheticDecoder.Config(2, 2, 4, vocab, 8192, false, false, true, 7,
                        table, 0f, 0);
                SyntheticDecoder.write(dir, config, tokens);
                // one token per whitespace-separated word, so "[1]." stays whole, as a BPE model would write it
                Path tokenizer = dir.resolve("tokenizer.json");
                Files.writeString(tokenizer, Files.readString(tokenizer)
                        .replace("{\"type\": \"Whitespace\"}", "{\"type\": \"WhitespaceSplit\"}")
                        .replace("\"decoder\": null", "\"decoder\": {\"type\": \"WordPiece\", \"prefix\": \"##\", \"cleanup\": false}"));
                return Map.of("jikji.generator.kind", "auto", "jikji.generator.model-dir", dir.toString(),
                        "jikji.generator.max-new-tokens", "32");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    @Test
    void theInstalledDecoderWritesTheAnswerAndItsCitationIsChecked() {
        JsonPath r = given().contentType("application/json").body(Map.of("question", "API 키 교체 주기는 어떻게 되나요?", "topK", 3))
                .when().post("/api/v1/ask").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("mode")).isEqualTo("generative");
        assertThat(r.getString("models.generator")).isEqualTo("asktest-decoder");
        assertThat(r.getString("models.executionProvider")).isEqualTo("CPU");
        assertThat(r.getBoolean("abstained")).as(r.prettify()).isFalse();
        assertThat(r.getString("answer")).isEqualTo("키는 90일마다 교체한다 [1].");
        assertThat(r.getList("citations.n", Integer.class)).containsExactly(1);
        assertThat(r.getString("citations[0].documentId")).isEqualTo("security-and-access-policy.md");
        assertThat(r.getString("citations[0].quote")).contains("90일마다");
        assertThat(r.getLong("timings.firstTokenMs")).isNotNull();
        assertThat(r.getLong("timings.generateMs")).isGreaterThan(0);
    }

    @Test
    void theDecoderStreamsTokenByToken() {
        String body = given().contentType("application/json").accept("text/event-stream")
                .body(Map.of("question", "API 키 교체 주기는 어떻게 되나요?", "topK", 3))
                .when().post("/api/v1/ask").then().statusCode(200).extract().asString();
        long tokens = body.lines().filter(l -> l.equals("event: token")).count();
        assertThat(tokens).as(body).isGreaterThanOrEqualTo(ANSWER.size());
        assertThat(body).contains("event: citations").contains("event: done").contains("\"answerCorrected\":false");
    }
}
