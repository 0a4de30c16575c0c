package dev.jikji.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
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

    LuceneReindexSource(Path previous) {
        this.previous = previous;
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
    public void discard() {
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
