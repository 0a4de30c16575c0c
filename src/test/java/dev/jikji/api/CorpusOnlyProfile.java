package dev.jikji.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A server of its own whose index holds docs-corpus and nothing else: quality figures (recall, follow-ups)
 * are measured on the corpus the README's tables describe, not on whatever other test classes ingested into
 * the shared test index (their documents change term statistics and rankings from one test order to another).
 */
public class CorpusOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("jikji.data.dir", "target/test-data/corpus-only-" + System.nanoTime());
    }
}
