package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.LuceneIndex;
import dev.jikji.index.ReindexSource;
import dev.jikji.onnx.OnnxSessionFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild's order with an old index that others still write (SolrCloud replicas on the earlier
 * configuration): every original, then what was written to the old index since the rebuild began, and only
 * then the switch ({@link ReindexSource#discard}); on a real on-disk index with the real pipeline.
 */
class ReindexerTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    /** Originals in memory; a replica "writes" {@code meanwhile} to the old index while the first pass runs. */
    private final class SharedOldIndex implements ReindexSource {
        final List<String> originals = new ArrayList<>();
        final List<String> meanwhile = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        Instant passStarted;
        Instant askedSince;

        @Override
        public String describe() {
            return "old index in memory";
        }

        @Override
        public int size() {
            return originals.size();
        }

        @Override
        public void forEachOriginal(Consumer<String> original) {
            calls.add("all");
            passStarted = Instant.now();
            List<String> before = List.copyOf(originals);
            originals.addAll(meanwhile); // written by another replica during the pass, after it read past them
            before.forEach(original);
        }

        @Override
        public void forEachOriginalSince(Instant since, Consumer<String> original) {
            calls.add("since");
            if (askedSince == null) askedSince = since;
            // what the old index holds with ingestedAt >= since: the documents written meanwhile (once)
            if (calls.stream().filter("since"::equals).count() == 1) meanwhile.forEach(original);
        }

        @Override
        public void discard() {
            calls.add("discard");
        }
    }

    private String original(String id, String text) throws Exception {
        return json.writeValueAsString(new DocumentInput(id, null, text, null, "text/markdown", Map.of(), null));
    }

    @Test
    void documentsWrittenToTheOldIndexDuringTheRebuildAreCaughtUpBeforeTheSwitch() throws Exception {
        JikjiConfig config = StandaloneConfig.load(Map.of(), Map.of("jikji.data.dir", dir.resolve("data").toString(),
                "jikji.embedding.model-dir", dir.resolve("no-model").toString()));
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        LuceneIndex index = new LuceneIndex(config, embeddings, json);
        try {
            IngestService ingest = new IngestService(index, embeddings, config, json);
            SharedOldIndex old = new SharedOldIndex();
            old.originals.add(original("a.md", "# Alpacas\n\nAlpacas are shorn once a year in spring."));
            old.originals.add(original("b.md", "# Bees\n\nBees are counted at the hive entrance at dawn."));
            old.meanwhile.add(original("c.md", "# Cranes\n\nCranes fly south in long lines each autumn."));

            Reindexer.rebuild(old, ingest, json);

            assertThat(index.document("a.md")).isPresent();
            assertThat(index.document("b.md")).isPresent();
            assertThat(index.document("c.md")).as("written to the old index during the pass").isPresent();
            // the catch-up asks from before the pass began (a margin for the writers' clocks), and ends with a
            // round that finds nothing; then, and only then, the switch
            assertThat(old.askedSince).isBefore(old.passStarted);
            assertThat(old.calls).containsExactly("all", "since", "since", "discard");
        } finally {
            index.close();
            embeddings.close();
        }
    }
}
