package dev.jikji.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/** The embedded index set aside as {@code index.previous} when the models changed: its records' stored originals. */
final class LuceneReindexSource implements ReindexSource {

    private final Path previous;
    /** The configured embedding model's fingerprint: vectors are carried over only from an index built by it. */
    private final String embedding;
    /** Opened on the first {@link #vectorsOf} when the models agree; closed by {@link #discard}. */
    private Directory carryDirectory;
    private DirectoryReader carryReader;
    private boolean carryChecked;

    LuceneReindexSource(Path previous, String embedding) {
        this.previous = previous;
        this.embedding = embedding;
    }

    @Override
    public String describe() {
        return previous.toString();
    }

    @Override
    public int size() {
        try (Directory dir = FSDirectory.open(previous); DirectoryReader reader = DirectoryReader.open(dir)) {
            return new IndexSearcher(reader).count(records());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public void forEachOriginal(Consumer<String> original) {
        try (Directory dir = FSDirectory.open(previous); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc d : searcher.search(records(), Math.max(1, reader.maxDoc())).scoreDocs) {
                original.accept(stored.document(d.doc).get(IndexFields.ORIGINAL));
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public synchronized Map<String, float[]> vectorsOf(String documentId) {
        try {
            DirectoryReader reader = carryReader();
            return reader == null ? Map.of() : ChunkVectors.of(new IndexSearcher(reader), documentId);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The old index, when the configured model built it; null otherwise (its vectors are of another model). */
    private DirectoryReader carryReader() throws IOException {
        if (!carryChecked) {
            carryChecked = true;
            Directory dir = FSDirectory.open(previous);
            String built = SegmentInfos.readLatestCommit(dir).getUserData().get(IndexFields.COMMIT_EMBEDDING);
            if (embedding != null && embedding.equals(built)) {
                carryDirectory = dir;
                carryReader = DirectoryReader.open(dir);
            } else {
                dir.close();
            }
        }
        return carryReader;
    }

    @Override
    public synchronized void discard() {
        try {
            if (carryReader != null) carryReader.close();
            if (carryDirectory != null) carryDirectory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Rebuild done but " + previous + " could not be closed", e);
        } finally {
            carryReader = null;
            carryDirectory = null;
        }
        try {
            LuceneIndex.deleteRecursively(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("Rebuild done but " + previous + " could not be deleted", e);
        }
    }

    private static TermQuery records() {
        return new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC));
    }

    private UncheckedIOException unreadable(IOException e) {
        return new UncheckedIOException("Cannot read the set-aside index at " + previous
                + "; it is kept, and the rebuild resumes at the next start", e);
    }
}
