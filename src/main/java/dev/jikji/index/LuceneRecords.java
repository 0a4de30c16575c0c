package dev.jikji.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/** Reads document records and chunks back from their stored Lucene fields. */
public final class LuceneRecords {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final ObjectMapper json;

    LuceneRecords(ObjectMapper json) {
        this.json = json;
    }

    public DocumentRecord toRecord(Document d) {
        Number ingested = d.getField(IndexFields.INGESTED_AT).numericValue();
        int chunks = d.getField(IndexFields.CHUNK_COUNT).numericValue().intValue();
        return new DocumentRecord(d.get(IndexFields.DOC_ID), d.get(IndexFields.TITLE), d.get(IndexFields.SOURCE),
                d.get(IndexFields.CONTENT_TYPE), readMetadata(json, d.get(IndexFields.METADATA_JSON)),
                Arrays.asList(d.getValues(IndexFields.ACL)), d.get(IndexFields.HASH),
                Instant.ofEpochMilli(ingested.longValue()), chunks,
                // a record written before chunks were told apart by language: all of them have vectors
                d.getField(IndexFields.EMBEDDED_COUNT) == null ? chunks
                        : d.getField(IndexFields.EMBEDDED_COUNT).numericValue().intValue());
    }

    /**
     * Matches {@code documentId}'s record ({@link IndexFields#TYPE_DOC}) or its chunks ({@link IndexFields#TYPE_CHUNK});
     * a builder, for callers that add an ACL filter.
     */
    static BooleanQuery.Builder partsOf(String documentId, String type) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, type)), BooleanClause.Occur.FILTER);
    }

    public static StoredChunk toChunk(Document d) {
        return new StoredChunk(d.get(IndexFields.DOC_ID), d.get(IndexFields.CHUNK_ID), d.get(IndexFields.TITLE),
                d.get(IndexFields.SOURCE), headingPath(d.get(IndexFields.HEADING_PATH)),
                d.get(IndexFields.TEXT), d.getField(IndexFields.START).numericValue().intValue(),
                d.getField(IndexFields.END).numericValue().intValue(),
                d.getField(IndexFields.PAGE) == null ? null : d.getField(IndexFields.PAGE).numericValue().intValue());
    }

    /** The heading path as stored: titles joined by {@link ChunkDocuments#PATH_SEPARATOR}. */
    public static List<String> headingPath(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(ChunkDocuments.PATH_SEPARATOR));
    }

    /** Stored metadata JSON as a map; unreadable JSON reads as no metadata. */
    public static Map<String, String> readMetadata(ObjectMapper json, String value) {
        if (value == null || value.isEmpty()) return Map.of();
        try {
            return json.readValue(value, STRING_MAP);
        } catch (JsonProcessingException e) {
            return new HashMap<>();
        }
    }
}
