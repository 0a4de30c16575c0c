package dev.jikji.index.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexedChunk;
import dev.jikji.index.IndexedDocument;
import dev.jikji.index.LuceneRecords;
import dev.jikji.index.StoredChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * A document as one Solr block: the record is the root, its chunks are nested children. Solr (like Lucene
 * underneath) replaces a root and its children as one block, so no search sees old and new chunks together.
 * Fields are named as in the embedded index ({@link IndexFields}); the unique keys tell records from chunks.
 */
final class SolrDocuments {

    static final String ID = "id";
    static final String CHUNKS = "chunks_nested";
    /** The record holding the models and analysis that built the collection. */
    static final String MODEL_RECORD_ID = "jikji:model-record";
    static final String TYPE_MODEL = "model";

    private SolrDocuments() {}

    /** Record ids and chunk ids live in one key space: prefixed so that no document id can meet a chunk id. */
    static String recordKey(String documentId) {
        return "d:" + documentId;
    }

    static SolrInputDocument block(IndexedDocument document) {
        DocumentRecord record = document.record();
        SolrInputDocument root = common(record, IndexFields.TYPE_DOC);
        root.setField(ID, recordKey(record.id()));
        root.setField(IndexFields.CONTENT_TYPE, record.contentType());
        root.setField(IndexFields.METADATA_JSON, document.metadataJson());
        root.setField(IndexFields.INGESTED_AT, record.ingestedAt().toEpochMilli());
        root.setField(IndexFields.CHUNK_COUNT, document.chunks().size());
        root.setField(IndexFields.EMBEDDED_COUNT, document.embeddedChunks());
        root.setField(IndexFields.ORIGINAL, document.original());
        root.setField(IndexFields.DOC_CONTENTS, document.documentText());
        List<SolrInputDocument> children = new ArrayList<>(document.chunks().size());
        for (IndexedChunk c : document.chunks()) {
            SolrInputDocument d = common(record, IndexFields.TYPE_CHUNK);
            String chunkId = ChunkDocuments.chunkId(record.id(), c.ordinal());
            d.setField(ID, "c:" + chunkId);
            d.setField(IndexFields.CHUNK_ID, chunkId);
            d.setField(IndexFields.ORDINAL, c.ordinal());
            d.setField(IndexFields.HEADING_PATH, String.join(ChunkDocuments.PATH_SEPARATOR, c.headingPath()));
            d.setField(IndexFields.TEXT, c.text());
            d.setField(IndexFields.START, c.start());
            d.setField(IndexFields.END, c.end());
            if (c.page() > 0) d.setField(IndexFields.PAGE, c.page());
            d.setField(IndexFields.CONTENTS, c.contents());
            d.setField(IndexFields.CONTENTS_BIGRAMS, c.contents());
            if (record.title() != null) d.setField(IndexFields.TITLE_TEXT, record.title());
            if (!c.headingPath().isEmpty()) d.setField(IndexFields.HEADING_TEXT, String.join(" ", c.headingPath()));
            if (c.language() != null) d.setField(IndexFields.LANGUAGE, c.language());
            if (c.vector() != null) {
                List<Float> v = new ArrayList<>(c.vector().length);
                for (float f : c.vector()) v.add(f);
                d.setField(IndexFields.VECTOR, v);
            }
            children.add(d);
        }
        root.setField(CHUNKS, children);
        return root;
    }

    private static SolrInputDocument common(DocumentRecord record, String type) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(IndexFields.TYPE, type);
        d.setField(IndexFields.DOC_ID, record.id());
        if (record.title() != null) d.setField(IndexFields.TITLE, record.title());
        if (record.source() != null) d.setField(IndexFields.SOURCE, record.source());
        d.setField(IndexFields.HASH, record.hash());
        if (!record.acl().isEmpty()) d.setField(IndexFields.ACL, new ArrayList<>(record.acl()));
        // on the record as well as the chunks: the document-level leg filters records by metadata
        for (Map.Entry<String, String> m : record.metadata().entrySet()) {
            d.setField(IndexFields.META_PREFIX + m.getKey(), m.getValue());
        }
        return d;
    }

    /** The stored fields a record or chunk is read back from (never the original, which can be large). */
    static final String RECORD_FIELDS = String.join(",", IndexFields.DOC_ID, IndexFields.TITLE, IndexFields.SOURCE,
            IndexFields.CONTENT_TYPE, IndexFields.METADATA_JSON, IndexFields.ACL, IndexFields.HASH, IndexFields.INGESTED_AT,
            IndexFields.CHUNK_COUNT, IndexFields.EMBEDDED_COUNT);
    static final String CHUNK_FIELDS = String.join(",", IndexFields.DOC_ID, IndexFields.CHUNK_ID, IndexFields.TITLE,
            IndexFields.SOURCE, IndexFields.HEADING_PATH, IndexFields.TEXT, IndexFields.START, IndexFields.END,
            IndexFields.PAGE);

    static DocumentRecord toRecord(SolrDocument d, ObjectMapper json) {
        Collection<Object> acl = d.getFieldValues(IndexFields.ACL);
        return new DocumentRecord(string(d, IndexFields.DOC_ID), string(d, IndexFields.TITLE), string(d, IndexFields.SOURCE),
                string(d, IndexFields.CONTENT_TYPE), LuceneRecords.readMetadata(json, string(d, IndexFields.METADATA_JSON)),
                acl == null ? List.of() : acl.stream().map(String::valueOf).toList(), string(d, IndexFields.HASH),
                Instant.ofEpochMilli(number(d, IndexFields.INGESTED_AT).longValue()),
                number(d, IndexFields.CHUNK_COUNT).intValue(), number(d, IndexFields.EMBEDDED_COUNT).intValue());
    }

    static StoredChunk toChunk(SolrDocument d) {
        Number page = number(d, IndexFields.PAGE);
        return new StoredChunk(string(d, IndexFields.DOC_ID), string(d, IndexFields.CHUNK_ID), string(d, IndexFields.TITLE),
                string(d, IndexFields.SOURCE), LuceneRecords.headingPath(string(d, IndexFields.HEADING_PATH)),
                string(d, IndexFields.TEXT), number(d, IndexFields.START).intValue(), number(d, IndexFields.END).intValue(),
                page == null ? null : page.intValue());
    }

    static String string(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? null : v.toString();
    }

    private static Number number(SolrDocument d, String field) {
        return (Number) d.getFirstValue(field);
    }
}
