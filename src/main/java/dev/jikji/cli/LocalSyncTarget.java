package dev.jikji.cli;

import dev.jikji.index.DocumentListQuery;
import dev.jikji.index.DocumentPage;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.LuceneIndex;
import dev.jikji.ingest.ContentTypes;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.ingest.IngestResult;
import dev.jikji.ingest.IngestService;
import dev.jikji.ingest.UnreadableDocumentException;
import dev.jikji.onnx.OnnxSessionFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Syncs straight into the index on disk while the server is stopped, with the same models and
 * pipeline the server uses (configuration from application.properties, the environment and -D).
 * Opening the index takes its write lock, so a running server makes this fail with a clear message.
 */
final class LocalSyncTarget implements SyncTarget {

    private final EmbeddingModels embeddings;
    private final LuceneIndex index;
    private final IngestService ingest;

    LocalSyncTarget(Path dataDir) {
        JikjiConfig config = StandaloneConfig.load(Map.of(),
                dataDir == null ? Map.of() : Map.of("jikji.data.dir", dataDir.toString()));
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        this.embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        try {
            this.index = new LuceneIndex(config, embeddings, json);
        } catch (RuntimeException e) {
            embeddings.close();
            throw e;
        }
        this.ingest = new IngestService(index, embeddings, config, json);
    }

    @Override
    public Map<String, String> hashes(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        String after = null;
        do {
            DocumentPage page = index.listDocuments(new DocumentListQuery(prefix, after, 1000, null));
            for (DocumentRecord d : page.documents()) {
                out.put(d.id(), d.metadata().getOrDefault(IngestCommand.SHA_KEY, ""));
            }
            after = page.nextAfter();
        } while (after != null);
        return out;
    }

    @Override
    public Sent send(Path file, String id, Map<String, String> metadata, List<String> acl) throws Exception {
        String type = ContentTypes.ofFile(null, file.getFileName().toString()).orElse(null);
        if (type == null) return new Sent("failed", null, "unsupported file type");
        String text;
        try {
            // the same parser limits and bounded pool as the server's (jikji.parsing.*)
            text = ingest.parsers().readFile(type, file, id);
        } catch (UnreadableDocumentException e) {
            return new Sent("failed", null, e.getMessage());
        }
        IngestResult r = ingest.ingestAll(List.of(new DocumentInput(id, null, text, id, type, metadata, acl))).getFirst();
        return r.status() == IngestResult.Status.FAILED ? new Sent("failed", null, r.error().detail())
                : new Sent(r.status().json(), r.chunks(), null);
    }

    @Override
    public void delete(String id) {
        ingest.delete(id);
    }

    @Override
    public void close() {
        ingest.parsers().close();
        index.close();
        embeddings.close();
    }
}
