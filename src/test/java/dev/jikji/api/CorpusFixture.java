package dev.jikji.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.DocumentInput;
import java.nio.file.Path;
import java.util.List;

/** Ingests docs-corpus/ through the real NDJSON API, once per test JVM (the Quarkus app is shared). */
public final class CorpusFixture {

    private static final dev.jikji.ingest.DocumentParsers PARSERS =
            new dev.jikji.ingest.DocumentParsers(dev.jikji.ingest.TestDocuments.defaultLimits());

    private CorpusFixture() {}

    public static synchronized List<DocumentInput> ingest() throws Exception {
        List<DocumentInput> docs = CorpusSeeder.read(Path.of("docs-corpus"), PARSERS);
        // every time, not once per JVM: test profiles start servers on other indexes; an unchanged upsert is cheap
        ObjectMapper json = new ObjectMapper();
        StringBuilder ndjson = new StringBuilder();
        for (DocumentInput d : docs) ndjson.append(json.writeValueAsString(d)).append('\n');
        given().contentType("application/x-ndjson").body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/documents")
                .then().statusCode(200).body("failed", equalTo(0));
        return docs;
    }
}
