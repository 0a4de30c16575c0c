package dev.jikji.ingest;

import dev.jikji.config.JikjiConfig;
import dev.jikji.index.SearchIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Fills an empty index from {@code jikji.ingest.seed-dir} (docs-corpus/ by default) at start-up, so a
 * fresh checkout answers questions right away. Document ids are paths relative to that folder.
 */
@ApplicationScoped
public class CorpusSeeder {

    private static final Logger LOG = Logger.getLogger(CorpusSeeder.class);

    // after the Reindexer (priority 1): a rebuilt index is not empty and must not be seeded
    void onStart(@Observes @Priority(10) StartupEvent event, JikjiConfig config, SearchIndex index, IngestService ingest) {
        Path dir = config.ingest().seedDir();
        if (!config.ingest().seedWhenEmpty() || index.countDocuments() > 0) return;
        if (!Files.isDirectory(dir)) {
            LOG.infof("Index is empty and seed folder %s does not exist; nothing to seed", dir.toAbsolutePath());
            return;
        }
        long t0 = System.nanoTime();
        List<IngestResult> results = ingest.ingestAll(read(dir, ingest.parsers()));
        long failed = results.stream().filter(r -> r.status() == IngestResult.Status.FAILED).count();
        int chunks = results.stream().mapToInt(r -> r.chunks() == null ? 0 : r.chunks()).sum();
        LOG.infof("Seeded the empty index from %s: %d documents, %d chunks, %d failed, in %d ms", dir.toAbsolutePath(),
                results.size() - failed, chunks, failed, (System.nanoTime() - t0) / 1_000_000);
        results.stream().filter(r -> r.status() == IngestResult.Status.FAILED)
                .forEach(r -> LOG.warnf("Seed document %s failed: %s", r.id(), r.error().detail()));
    }

    /** Every supported file under {@code dir}, in path order. */
    public static List<DocumentInput> read(Path dir, DocumentParsers parsers) {
        List<DocumentInput> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String id = dir.relativize(file).toString().replace('\\', '/');
                var type = ContentTypes.fromFileName(id);
                if (type.isEmpty()) continue;
                String text;
                try {
                    text = parsers.readFile(type.get(), file, id);
                } catch (UnreadableDocumentException e) {
                    LOG.warnf("Skipping %s: %s", file, e.getMessage());
                    continue;
                }
                docs.add(new DocumentInput(id, null, text, dir.getFileName() + "/" + id, type.get(), null, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed folder " + dir, e);
        }
        return docs;
    }
}
