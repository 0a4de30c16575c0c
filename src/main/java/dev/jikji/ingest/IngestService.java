package dev.jikji.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.LuceneIndex;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ingests documents: validate, skip when the content hash is unchanged, parse, chunk, embed, and
 * replace the document's chunks in the index in one atomic write. A batch is committed once, after
 * every document in it was handled; a document that fails does not stop the others.
 */
@ApplicationScoped
public class IngestService {

    private static final int MAX_ID_LENGTH = 512;
    private static final int MAX_TITLE_LENGTH = 1_000;
    private static final int MAX_METADATA_ENTRIES = 64;
    private static final int MAX_ACL_ENTRIES = 256;

    private final LuceneIndex index;
    private final EmbeddingModels embeddings;
    private final Chunker chunker;
    private final ObjectMapper canonicalJson;
    private final String pipelineFingerprint;
    private final Object[] locks = new Object[64];

    @Inject
    public IngestService(LuceneIndex index, EmbeddingModels embeddings, JikjiConfig config, ObjectMapper json) {
        this.index = index;
        this.embeddings = embeddings;
        JikjiConfig.Chunking chunking = config.chunking();
        this.chunker = new Chunker(embeddings.tokenCounter(), chunking.targetTokens(), chunking.overlapTokens());
        this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.pipelineFingerprint = embeddings.fingerprint() + "|chunk=" + chunking.targetTokens() + "/"
                + chunking.overlapTokens() + "|" + index.analyzer().fingerprint();
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    /** Ingests every document and commits once; a bad document fails alone. */
    public List<IngestResult> ingestAll(List<DocumentInput> documents) {
        List<IngestResult> results = new ArrayList<>(documents.size());
        boolean wrote = false;
        for (int i = 0; i < documents.size(); i++) {
            try {
                IngestResult r = ingestOne(documents.get(i));
                wrote |= r.status() != IngestResult.Status.UNCHANGED;
                results.add(r);
            } catch (InvalidFieldException e) {
                results.add(IngestResult.failed(documents.get(i).id(), i,
                        new IngestResult.Error(e.field(), e.getMessage(), null)));
            }
        }
        if (wrote) index.commit();
        return results;
    }

    /** Ingests one document without committing; throws {@link InvalidFieldException} for bad input. */
    public IngestResult ingestOne(DocumentInput raw) {
        DocumentInput doc = validate(raw);
        String hash = contentHash(doc);
        synchronized (lockFor(doc.id())) {
            Optional<DocumentRecord> existing = index.document(doc.id());
            if (existing.isPresent() && existing.get().hash().equals(hash)) {
                return new IngestResult(doc.id(), IngestResult.Status.UNCHANGED, existing.get().chunks(), null, null);
            }
            ParsedDocument parsed = ContentTypes.parse(doc.contentType(), doc.text());
            String title = doc.title() != null ? doc.title() : parsed.title() != null ? parsed.title() : doc.id();
            List<Chunk> chunks = chunker.chunk(parsed);
            if (chunks.isEmpty()) {
                throw new InvalidFieldException("text", "the document has no text to index once its markup is removed");
            }
            List<TextSegment> segments = chunks.stream().map(c -> TextSegment.from(c.contextualText(title))).toList();
            List<float[]> vectors = embeddings.passageModel().embedAll(segments).content().stream()
                    .map(Embedding::vector).toList();
            Map<String, String> metadata = doc.metadata() == null ? Map.of() : doc.metadata();
            DocumentRecord record = new DocumentRecord(doc.id(), title, doc.source(), doc.contentType(), metadata,
                    doc.acl() == null ? List.of() : doc.acl(), hash, Instant.now(), chunks.size());
            index.replace(doc.id(), ChunkDocuments.build(record, write(new TreeMap<>(metadata)), write(doc), chunks, vectors));
            return new IngestResult(doc.id(), existing.isPresent() ? IngestResult.Status.UPDATED : IngestResult.Status.CREATED,
                    chunks.size(), null, null);
        }
    }

    public boolean delete(String id) {
        synchronized (lockFor(id)) {
            if (index.document(id).isEmpty()) return false;
            index.delete(id);
            index.commit();
            return true;
        }
    }

    private Object lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }

    /** Checks every field and fills in defaults: id, content type. */
    DocumentInput validate(DocumentInput d) {
        if (d.text() == null) throw new InvalidFieldException("text", "text is required");
        if (d.text().isBlank()) throw new InvalidFieldException("text", "text must not be empty");
        if (d.text().indexOf('\0') >= 0) throw new InvalidFieldException("text", "text must not contain NUL characters");
        String contentType = d.contentType() != null ? ContentTypes.normalize(d.contentType())
                : ContentTypes.fromFileName(d.id()).or(() -> ContentTypes.fromFileName(d.source())).orElse(ContentTypes.PLAIN);
        if (!ContentTypes.SUPPORTED.contains(contentType)) {
            throw new InvalidFieldException("contentType", "unsupported content type '" + d.contentType()
                    + "'; supported: " + String.join(", ", new java.util.TreeSet<>(ContentTypes.SUPPORTED)));
        }
        String id = d.id() != null ? d.id() : d.source() != null && !d.source().isBlank() ? d.source() : "sha256:" + sha256(d.text()).substring(0, 32);
        checkText("id", id, MAX_ID_LENGTH);
        if (d.title() != null) checkText("title", d.title(), MAX_TITLE_LENGTH);
        if (d.source() != null) checkText("source", d.source(), 4_096);
        if (d.metadata() != null) {
            if (d.metadata().size() > MAX_METADATA_ENTRIES) {
                throw new InvalidFieldException("metadata", "at most " + MAX_METADATA_ENTRIES + " metadata entries");
            }
            for (var e : d.metadata().entrySet()) {
                checkText("metadata", e.getKey(), 128);
                if (e.getValue() == null) throw new InvalidFieldException("metadata." + e.getKey(), "metadata values must be strings");
                checkText("metadata." + e.getKey(), e.getValue(), 4_096);
            }
        }
        if (d.acl() != null) {
            if (d.acl().size() > MAX_ACL_ENTRIES) throw new InvalidFieldException("acl", "at most " + MAX_ACL_ENTRIES + " groups");
            for (int i = 0; i < d.acl().size(); i++) checkText("acl[" + i + "]", d.acl().get(i), 256);
        }
        return new DocumentInput(id, blankToNull(d.title()), d.text(), blankToNull(d.source()), contentType, d.metadata(), d.acl());
    }

    private static void checkText(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new InvalidFieldException(field, field + " must not be empty");
        if (value.length() > max) throw new InvalidFieldException(field, field + " is longer than " + max + " characters");
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidFieldException(field, field + " must not contain control characters");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Covers everything that ends up in the index, and the pipeline that puts it there. */
    String contentHash(DocumentInput doc) {
        return sha256(write(doc) + "\n" + pipelineFingerprint);
    }

    private String write(Object value) {
        try {
            return canonicalJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
