package dev.jikji.index;

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
    public static final String PATH_SEPARATOR = "\u001F";

    private ChunkDocuments() {}

    /**
     * The document's record first, then one Lucene document per chunk; a chunk whose vector is null gets none:
     * the kNN leg cannot return it, BM25 still does.
     */
    public static List<Document> build(IndexedDocument document) {
        DocumentRecord record = document.record();
        List<Document> docs = new ArrayList<>(document.chunks().size() + 1);
        Document head = common(record, IndexFields.TYPE_DOC);
        head.add(new SortedDocValuesField(IndexFields.DOC_ID, new BytesRef(record.id())));
        head.add(new StoredField(IndexFields.CONTENT_TYPE, record.contentType()));
        head.add(new StoredField(IndexFields.METADATA_JSON, document.metadataJson()));
        head.add(new StoredField(IndexFields.INGESTED_AT, record.ingestedAt().toEpochMilli()));
        head.add(new StoredField(IndexFields.CHUNK_COUNT, document.chunks().size()));
        head.add(new StoredField(IndexFields.EMBEDDED_COUNT, document.embeddedChunks()));
        head.add(new StoredField(IndexFields.ORIGINAL, document.original()));
        head.add(new TextField(IndexFields.DOC_CONTENTS, document.documentText(), Field.Store.NO));
        docs.add(head);
        for (IndexedChunk c : document.chunks()) {
            Document d = common(record, IndexFields.TYPE_CHUNK);
            d.add(new StringField(IndexFields.CHUNK_ID, chunkId(record.id(), c.ordinal()), Field.Store.YES));
            d.add(new StoredField(IndexFields.ORDINAL, c.ordinal()));
            d.add(new StoredField(IndexFields.HEADING_PATH, String.join(PATH_SEPARATOR, c.headingPath())));
            d.add(new StoredField(IndexFields.TEXT, c.text()));
            d.add(new StoredField(IndexFields.START, c.start()));
            d.add(new StoredField(IndexFields.END, c.end()));
            if (c.page() > 0) d.add(new StoredField(IndexFields.PAGE, c.page()));
            d.add(new TextField(IndexFields.CONTENTS, c.contents(), Field.Store.NO));
            d.add(new TextField(IndexFields.CONTENTS_BIGRAMS, c.contents(), Field.Store.NO));
            if (record.title() != null) d.add(new TextField(IndexFields.TITLE_TEXT, record.title(), Field.Store.NO));
            if (!c.headingPath().isEmpty()) {
                d.add(new TextField(IndexFields.HEADING_TEXT, String.join(" ", c.headingPath()), Field.Store.NO));
            }
            if (c.language() != null) d.add(new StringField(IndexFields.LANGUAGE, c.language(), Field.Store.YES));
            if (c.vector() != null) {
                d.add(new KnnFloatVectorField(IndexFields.VECTOR, c.vector(), VectorSimilarityFunction.COSINE));
            }
            docs.add(d);
        }
        return docs;
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
