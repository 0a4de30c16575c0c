package dev.jikji.index;

import dev.jikji.ingest.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** Turns a document and its embedded chunks into the Lucene documents that represent them. */
public final class ChunkDocuments {

    /** Heading titles are joined with a control character that never occurs in a heading. */
    static final String PATH_SEPARATOR = "\u001F";

    private ChunkDocuments() {}

    /** The document's record first, then one Lucene document per chunk, every chunk with its vector. */
    public static List<Document> build(DocumentRecord record, String metadataJson, String original,
            List<Chunk> chunks, List<float[]> vectors) {
        return build(record, metadataJson, original, chunks, vectors, null);
    }

    /**
     * As above, with each chunk's detected language ({@code languages}, null when unknown); a chunk whose
     * vector is null gets none: the kNN leg cannot return it, BM25 still does.
     */
    public static List<Document> build(DocumentRecord record, String metadataJson, String original,
            List<Chunk> chunks, List<float[]> vectors, List<String> languages) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        if (languages != null && languages.size() != chunks.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + languages.size() + " languages");
        }
        int embedded = (int) vectors.stream().filter(java.util.Objects::nonNull).count();
        List<Document> docs = new ArrayList<>(chunks.size() + 1);
        Document head = common(record, IndexFields.TYPE_DOC);
        head.add(new SortedDocValuesField(IndexFields.DOC_ID, new BytesRef(record.id())));
        head.add(new StoredField(IndexFields.CONTENT_TYPE, record.contentType()));
        head.add(new StoredField(IndexFields.METADATA_JSON, metadataJson));
        head.add(new StoredField(IndexFields.INGESTED_AT, record.ingestedAt().toEpochMilli()));
        head.add(new StoredField(IndexFields.CHUNK_COUNT, chunks.size()));
        head.add(new StoredField(IndexFields.EMBEDDED_COUNT, embedded));
        head.add(new StoredField(IndexFields.ORIGINAL, original));
        head.add(new TextField(IndexFields.DOC_CONTENTS, documentText(record.title(), chunks), Field.Store.NO));
        docs.add(head);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            Document d = common(record, IndexFields.TYPE_CHUNK);
            d.add(new StringField(IndexFields.CHUNK_ID, chunkId(record.id(), c.ordinal()), Field.Store.YES));
            d.add(new StoredField(IndexFields.ORDINAL, c.ordinal()));
            d.add(new StoredField(IndexFields.HEADING_PATH, String.join(PATH_SEPARATOR, c.headingPath())));
            d.add(new StoredField(IndexFields.TEXT, c.text()));
            d.add(new StoredField(IndexFields.START, c.start()));
            d.add(new StoredField(IndexFields.END, c.end()));
            if (c.page() > 0) d.add(new StoredField(IndexFields.PAGE, c.page()));
            String contents = c.contextualText(record.title());
            d.add(new TextField(IndexFields.CONTENTS, contents, Field.Store.NO));
            d.add(new TextField(IndexFields.CONTENTS_BIGRAMS, contents, Field.Store.NO));
            if (record.title() != null) d.add(new TextField(IndexFields.TITLE_TEXT, record.title(), Field.Store.NO));
            if (!c.headingPath().isEmpty()) {
                d.add(new TextField(IndexFields.HEADING_TEXT, String.join(" ", c.headingPath()), Field.Store.NO));
            }
            if (languages != null) d.add(new StringField(IndexFields.LANGUAGE, languages.get(i), Field.Store.YES));
            if (vectors.get(i) != null) {
                d.add(new KnnFloatVectorField(IndexFields.VECTOR, vectors.get(i), VectorSimilarityFunction.COSINE));
            }
            docs.add(d);
        }
        return docs;
    }

    /**
     * The whole document as the document-level BM25 field sees it: the title, each heading path where it
     * changes, and the chunks' text with the sentences neighbouring chunks repeat taken once (a chunk
     * whose text is its source span exactly loses the part the previous chunk already covered).
     */
    static String documentText(String title, List<Chunk> chunks) {
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isBlank()) sb.append(title.strip()).append("\n\n");
        List<String> heading = List.of();
        int covered = -1;
        for (Chunk c : chunks) {
            if (!c.headingPath().isEmpty() && !c.headingPath().equals(heading)) {
                sb.append(String.join(" > ", c.headingPath())).append('\n');
            }
            heading = c.headingPath();
            String text = c.text();
            if (covered > c.start() && covered < c.end() && text.length() == c.end() - c.start()) {
                text = text.substring(covered - c.start());
            } else if (covered >= c.end() && text.length() == c.end() - c.start()) {
                text = "";
            }
            sb.append(text).append("\n\n");
            covered = Math.max(covered, c.end());
        }
        return sb.toString();
    }

    public static String chunkId(String documentId, int ordinal) {
        return documentId + "#" + ordinal;
    }

    private static Document common(DocumentRecord record, String type) {
        Document d = new Document();
        d.add(new StringField(IndexFields.TYPE, type, Field.Store.NO));
        d.add(new StringField(IndexFields.DOC_ID, record.id(), Field.Store.YES));
        if (record.title() != null) d.add(new StoredField(IndexFields.TITLE, record.title()));
        if (record.source() != null) d.add(new StoredField(IndexFields.SOURCE, record.source()));
        d.add(new StoredField(IndexFields.HASH, record.hash()));
        for (String group : record.acl()) {
            d.add(new StringField(IndexFields.ACL, group, Field.Store.YES));
        }
        // on the record as well as the chunks: the document-level leg filters records by metadata
        for (Map.Entry<String, String> m : record.metadata().entrySet()) {
            d.add(new StringField(IndexFields.META_PREFIX + m.getKey(), m.getValue(), Field.Store.NO));
        }
        return d;
    }
}
