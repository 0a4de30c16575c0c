package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.LuceneIndex;
import dev.jikji.ingest.Chunk;
import dev.jikji.ingest.DocumentInput;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An index built by another embedding model (here 8-dimensional vectors) is rebuilt from its stored
 * originals when jikji.index.on-model-mismatch=reindex, instead of mixing vectors or refusing.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(ReindexOnModelChangeTest.OldIndex.class)
class ReindexOnModelChangeTest {

    static final Path DATA = Path.of("target/test-data/reindex-" + ProcessHandle.current().pid());

    public static class OldIndex implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                LuceneIndex.deleteRecursively(DATA);
                buildOldIndex(DATA.resolve("index"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("jikji.data.dir", DATA.toString(), "jikji.index.on-model-mismatch", "reindex");
        }
    }

    static void buildOldIndex(Path path) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JikjiConfig.Index settings = new JikjiConfig.Index() {
            public Kind kind() { return Kind.EMBEDDED; }
            public Solr solr() { throw new UnsupportedOperationException(); }
            public int hnswM() { return 16; }
            public int hnswBeamWidth() { return 100; }
            public VectorQuantization vectorQuantization() { return VectorQuantization.NONE; }
            public ModelMismatch onModelMismatch() { return ModelMismatch.REFUSE; }
            public int termCacheMb() { return 0; }
            public int chunkCacheMb() { return 0; }
        };
        LuceneIndex old = new LuceneIndex(path, JikjiAnalyzer.of("discard"), "some/old-model|dim=8", settings, json);
        for (int d = 1; d <= 3; d++) {
            DocumentInput original = new DocumentInput("old/" + d, "Old document " + d,
                    "The pelican protocol step " + d + " is documented here.", null, "text/plain", Map.of(), List.of());
            Chunk chunk = new Chunk(0, List.of(), original.text(), 0, original.text().length(), 9);
            DocumentRecord record = new DocumentRecord(original.id(), original.title(), null, "text/plain", Map.of(),
                    List.of(), "old-hash-" + d, Instant.now(), 1);
            float[] vector = new float[8];
            vector[d] = 1;
            old.replace(original.id(), ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(record, "{}", json.writeValueAsString(original),
                    List.of(chunk), List.of(vector))));
        }
        old.commit();
        old.close();
    }

    @Test
    void oldIndexIsRebuiltWithTheConfiguredModel() {
        JsonPath doc = given().get("/api/v1/documents/old/2").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("title")).isEqualTo("Old document 2");
        assertThat(doc.getString("hash")).isNotEqualTo("old-hash-2");
        assertThat(given().get("/api/v1/documents").then().statusCode(200).extract().jsonPath().getInt("total"))
                .isEqualTo(3);

        // an English query runs the kNN leg: it would fail on 8-dimensional vectors left in the index
        JsonPath r = given().contentType("application/json").body(Map.of("query", "pelican protocol step 3"))
                .post("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(r.getBoolean("retrieval.legs.find { it.name == 'vector' }.ran")).isTrue();
        assertThat(r.getInt("retrieval.legs.find { it.name == 'vector' }.candidates")).isEqualTo(3);
        assertThat(r.getString("hits[0].documentId")).isEqualTo("old/3");

        assertThat(Files.exists(DATA.resolve("index.previous"))).as("old index deleted after the rebuild").isFalse();
        // and the index is whole again: readiness UP without a restart
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getBoolean("checks.find { it.name == 'index' }.data.rebuilding")).isFalse();
    }
}
