package dev.jikji.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.events.DocumentsIngested;
import dev.jikji.index.LuceneIndex;
import dev.jikji.onnx.OnnxSessionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real on-disk index under {@code dir} with the real embedded e5-small-v2, ingest services over it under chosen
 * settings, and the ingest events they published.
 */
final class IngestFixture implements AutoCloseable {

    final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    final List<DocumentsIngested> events = new ArrayList<>();
    final EmbeddingModels embeddings;
    LuceneIndex index;
    private final Path dir;

    IngestFixture(Path dir) {
        this.dir = dir;
        JikjiConfig config = config(Map.of());
        embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        index = new LuceneIndex(config, embeddings, json);
    }

    /** The default settings over this fixture's data dir, and {@code extra}. */
    JikjiConfig config(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("jikji.data.dir", dir.resolve("data").toString(),
                "jikji.embedding.model-dir", dir.resolve("no-model").toString()));
        props.putAll(extra);
        return StandaloneConfig.load(Map.of(), props);
    }

    /** Ingest over the index under the default settings and {@code extra}, publishing into {@link #events}. */
    IngestService ingest(Map<String, String> extra) {
        IngestService ingest = new IngestService(index, embeddings, config(extra), json);
        ingest.events = e -> {
            if (e instanceof DocumentsIngested d) events.add(d);
        };
        return ingest;
    }

    /** Closes the index and opens it again, as a restart does. */
    void reopen() {
        index.close();
        index = new LuceneIndex(config(Map.of()), embeddings, json);
    }

    @Override
    public void close() {
        index.close();
        embeddings.close();
    }
}
