package dev.jikji.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.index.IndexFields;
import dev.jikji.index.LuceneIndex;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

/**
 * Rebuilds the index from an index built by other models ({@code index.previous}, set aside by
 * {@link LuceneIndex}): every document's stored original goes through the ingest pipeline again, then
 * the old index is deleted. Re-running after a crash is safe: documents already rebuilt are unchanged.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final int BATCH = 32;

    void onStart(@Observes @Priority(1) StartupEvent event, LuceneIndex index, IngestService ingest, ObjectMapper json) {
        index.reindexSource().ifPresent(previous -> rebuild(previous, ingest, json));
    }

    static void rebuild(Path previous, IngestService ingest, ObjectMapper json) {
        long t0 = System.nanoTime();
        int done = 0;
        int failed = 0;
        try (Directory dir = FSDirectory.open(previous); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            StoredFields stored = searcher.storedFields();
            ScoreDoc[] records = searcher.search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)),
                    Math.max(1, reader.maxDoc())).scoreDocs;
            LOG.infof("Re-ingesting %d documents from %s with the configured models", records.length, previous);
            List<DocumentInput> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < records.length; i++) {
                String original = stored.document(records[i].doc).get(IndexFields.ORIGINAL);
                batch.add(json.readValue(original, DocumentInput.class));
                if (batch.size() == BATCH || i == records.length - 1) {
                    for (IngestResult r : ingest.ingestAll(batch)) {
                        if (r.status() == IngestResult.Status.FAILED) {
                            failed++;
                            LOG.warnf("Re-ingesting %s failed: %s", r.id(), r.error().detail());
                        } else {
                            done++;
                        }
                    }
                    batch.clear();
                    LOG.infof("Re-ingested %d of %d documents", done + failed, records.length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the set-aside index at " + previous
                    + "; it is kept, and the rebuild resumes at the next start", e);
        }
        try {
            LuceneIndex.deleteRecursively(previous);
        } catch (IOException e) {
            LOG.warnf("Rebuild done but %s could not be deleted: %s", previous, e.getMessage());
        }
        LOG.infof("Index rebuilt: %d documents re-ingested, %d failed, in %d ms", done, failed,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
