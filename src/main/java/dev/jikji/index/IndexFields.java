package dev.jikji.index;

/** Names of the Lucene fields; one Lucene document per chunk plus one record per source document. */
public final class IndexFields {
    public static final String TYPE = "type";
    public static final String TYPE_CHUNK = "chunk";
    public static final String TYPE_DOC = "doc";
    public static final String DOC_ID = "docId";
    public static final String CHUNK_ID = "chunkId";
    public static final String ORDINAL = "ordinal";
    public static final String TITLE = "title";
    public static final String TITLE_TEXT = "title_t";
    public static final String SOURCE = "source";
    public static final String CONTENT_TYPE = "contentType";
    public static final String HEADING_PATH = "headingPath";
    public static final String HEADING_TEXT = "heading_t";
    public static final String TEXT = "text";
    /** Title, heading path and chunk text together: the main BM25 field. */
    public static final String CONTENTS = "contents";
    /**
     * On the document record: title, heading paths and the whole text once, so a document can win on
     * evidence spread over several of its chunks (the document-level BM25 leg).
     */
    public static final String DOC_CONTENTS = "doc_contents";
    /**
     * The chunk's contents as overlapping character bigrams (Lucene's CJK bigrams; Latin words whole), a
     * second view of Korean text that does not depend on how Nori segments a compound or an OCR slip.
     */
    public static final String CONTENTS_BIGRAMS = "contents_cjk";
    public static final String START = "start";
    public static final String END = "end";
    /** The page a chunk comes from, for paged formats only. */
    public static final String PAGE = "page";
    public static final String ACL = "acl";
    public static final String METADATA_JSON = "metadata";
    /** Prefix of one exact-match field per metadata key, for filters. */
    public static final String META_PREFIX = "meta.";
    public static final String HASH = "hash";
    public static final String INGESTED_AT = "ingestedAt";
    public static final String CHUNK_COUNT = "chunks";
    /** On a document's record: how many of its chunks have a vector. */
    public static final String EMBEDDED_COUNT = "embeddedChunks";
    /** On a chunk: its language as ingest detected it ("ko", "en", "und"). */
    public static final String LANGUAGE = "language";
    public static final String ORIGINAL = "original";
    public static final String VECTOR = "vector";

    public static final String COMMIT_EMBEDDING = "jikji.embedding";
    public static final String COMMIT_ANALYZER = "jikji.analyzer";
    /**
     * Which fields the index holds, recorded with the analysis: an index written before the
     * document-level field existed is rebuilt (or refused) like one of another analysis.
     */
    public static final String LAYOUT = "fields:v2-doc-cjk";
    /** The languages whose chunks have vectors ("en", or "*" for all), under the model of {@link #COMMIT_EMBEDDING}. */
    public static final String COMMIT_VECTOR_LANGUAGES = "jikji.vector-languages";
    /** The ingest rules every stored document was last checked against ({@code ingest.Rechunker}); not a mismatch. */
    public static final String COMMIT_RULES_CHECKED = "jikji.rules-checked";

    private IndexFields() {}
}
