package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.embed.EncoderSpec;
import dev.jikji.embed.VectorLanguages;
import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexDirectories;
import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.LuceneIndex;
import dev.jikji.ingest.Chunk;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.ingest.IndexedDocuments;
import dev.jikji.ingest.Rechunker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server started on an index whose documents an earlier release cut otherwise (the same models and analysis, so no
 * rebuild) makes them again from their stored originals by itself, in the background, through the real server: the
 * documents API shows the new chunks, search finds them, an unchanged chunk keeps its vector.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(RechunkOnStartTest.ChunkedSmaller.class)
class RechunkOnStartTest {

    static final Path DATA = Path.of("target/test-data/rechunk-" + ProcessHandle.current().pid());
    static final Path NO_MODEL = Path.of("target/test-data/no-model");
    static final String LONG = "# Pelican protocol\n\n" + ("The pelican protocol keeps a spare key for the server room in the blue cabinet, and the"
            + " key is signed out at the front desk. ").repeat(30);

    public static class ChunkedSmaller implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> server = Map.of("jikji.data.dir", DATA.toString(),
                    "jikji.embedding.model-dir", NO_MODEL.toString());
            try {
                LuceneIndex.deleteRecursively(DATA);
                buildEarlierIndex(StandaloneConfig.load(Map.of(), server));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return server;
        }
    }

    /**
     * The index as an earlier release left it: the server's model and analysis (no rebuild), each document one chunk
     * with the hash that release wrote (not this one's). Built without loading the model: its native tokenizer may
     * be loaded by one class loader only, and the server's is the one that counts. The vectors are placeholders.
     */
    static void buildEarlierIndex(JikjiConfig config) throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        EncoderSpec spec = EncoderSpec.embeddedE5SmallV2();
        LuceneIndex index = new LuceneIndex(config.data().dir().resolve("index"), JikjiAnalyzer.of(config.search()),
                EmbeddingModels.fingerprint(spec), new VectorLanguages(spec, config.embedding().uncoveredLanguages()).fingerprint(),
                config.index(), json, IndexDirectories.FILE_SYSTEM);
        try {
            int n = 0;
            for (DocumentInput original : List.of(
                    new DocumentInput("pelican.md", "Pelican protocol", LONG, null, "text/markdown", Map.of(), null),
                    new DocumentInput("mail.md", "Mail", "Parcels are collected at reception before noon.", null,
                            "text/markdown", Map.of(), null))) {
                Chunk chunk = new Chunk(0, List.of(), original.text(), 0, original.text().length(), 9);
                DocumentRecord record = new DocumentRecord(original.id(), original.title(), null, original.contentType(),
                        Map.of(), List.of(), "earlier-release-hash", Instant.now(), 1, 1);
                float[] vector = new float[spec.dimension()];
                vector[n++] = 1;
                index.replace(original.id(), ChunkDocuments.build(IndexedDocuments.of(record, "{}",
                        json.writeValueAsString(original), List.of(chunk), List.of(vector))));
            }
            index.commit();
        } finally {
            index.close();
        }
    }

    @Inject
    Rechunker rechunker;

    @Test
    void documentsCutUnderEarlierSettingsAreMadeAgainAfterTheStart() throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (rechunker.lastPass().isEmpty() && System.nanoTime() < until) Thread.sleep(50);
        Rechunker.Refreshed pass = rechunker.lastPass().orElseThrow();
        assertThat(pass.checked()).isEqualTo(2);
        assertThat(pass.refreshed()).as("both documents: the settings are part of their content hash").isEqualTo(2);
        assertThat(pass.failed()).isZero();

        JsonPath doc = given().get("/api/v1/documents/pelican.md").then().statusCode(200).extract().jsonPath();
        // one chunk before; 30 sentences of about 25 tokens make a few at the server's 256
        assertThat(doc.getInt("chunks")).isBetween(2, 6);
        assertThat(doc.getString("hash")).isNotEqualTo("earlier-release-hash");
        assertThat(doc.getInt("embeddedChunks")).isEqualTo(doc.getInt("chunks"));
        JsonPath r = given().contentType("application/json").body(Map.of("query", "where is the spare key of the server room"))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("hits[0].documentId")).isEqualTo("pelican.md");
        // the one-chunk document is cut the same under both settings: its vector was reused, not embedded again
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("jikji_ingest_vectors_total\\{source=\"reused\"\\} [1-9]");
    }
}
