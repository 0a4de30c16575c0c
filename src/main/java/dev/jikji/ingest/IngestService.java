package dev.jikji.ingest;

import dev.jikji.embed.VectorLanguages;
import dev.jikji.events.DocumentsIngested;
import dev.jikji.events.EventSink;
import dev.jikji.events.Stage;
import dev.jikji.events.StageTimed;
import dev.jikji.tracing.Tracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jikji.admission.WorkAdmission;
import dev.jikji.admission.WorkClass;
import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.ReindexSource;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.SearchIndex;
import dev.jikji.language.Language;
import dev.jikji.language.TextLanguage;
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
import java.util.Set;
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

    private final SearchIndex index;
    private final EmbeddingModels embeddings;
    private final Chunker chunker;
    private final VectorLanguages vectorLanguages;
    private final ObjectMapper canonicalJson;
    private final String pipelineFingerprint;
    private final Object[] locks = new Object[64];
    private final DocumentParsers parsers;

    /** {@code NONE} outside the server (the offline CLI builds this service by hand). */
    @Inject
    EventSink events = EventSink.NONE;

    @Inject
    Tracing tracing = Tracing.NOOP;

    /** Searches and answers go first; {@code NONE} outside the server. */
    @Inject
    WorkAdmission admission = WorkAdmission.NONE;

    @Inject
    public IngestService(SearchIndex index, EmbeddingModels embeddings, JikjiConfig config, ObjectMapper json) {
        this.index = index;
        this.embeddings = embeddings;
        JikjiConfig.Chunking chunking = config.chunking();
        this.vectorLanguages = embeddings.vectorLanguages();
        Chunker.Measure characters = new Chunker.Measure(Chunker.CHARACTERS, chunking.targetCharacters(),
                chunking.overlapCharacters());
        // a remote model's tokenizer is on its server: every chunk is then sized in characters
        Chunker.Measure tokens = embeddings.tokenCounter() == null ? characters
                : new Chunker.Measure(embeddings.tokenCounter(), chunking.targetTokens(), chunking.overlapTokens());
        // the tokenizer sizes what the model embeds (its window is in tokens); text that gets no vector is in a
        // language that tokenizer was not made for, where its tokens say little of how much a chunk holds
        this.chunker = new Chunker(language -> vectorLanguages.embeds(language) ? tokens : characters);
        this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.pipelineFingerprint = embeddings.fingerprint() + "|chunk=" + chunking.targetTokens() + "/"
                + chunking.overlapTokens() + "|chars=" + chunking.targetCharacters() + "/" + chunking.overlapCharacters()
                + "|vectors=" + vectorLanguages.fingerprint() + "|rules=" + RULES + "|" + index.analyzer().fingerprint();
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
        this.parsers = new DocumentParsers(ParseLimits.from(config.parsing()));
    }

    /** The bounded, limited parsers every document goes through (files included, see {@link DocumentParsers#readFile}). */
    public DocumentParsers parsers() {
        return parsers;
    }

    @jakarta.annotation.PreDestroy
    void closeParsers() {
        parsers.close();
    }

    /**
     * Ingests every document and commits once; a bad document fails alone. Chunks of several documents
     * are embedded together (up to {@value #EMBED_GROUP_CHUNKS} at a time), so a bulk of small documents
     * fills the model's batches instead of running it once per document.
     */
    public List<IngestResult> ingestAll(List<DocumentInput> documents) {
        return ingestAll(documents, null);
    }

    /**
     * As {@link #ingestAll(List)}, for a writer with {@code writerGroups} ({@code null}: unrestricted): see
     * {@link WriteAccess}. A document sent without {@code acl} keeps the ACL it has in the index.
     */
    public List<IngestResult> ingestAll(List<DocumentInput> documents, java.util.Set<String> writerGroups) {
        return tracing.span("jikji.ingest", span -> span.setAttribute("jikji.documents", documents.size()),
                () -> ingestEach(documents, writerGroups, CarriedVectors.from(index), null));
    }

    /** As {@link #ingestAll(List)} for a rebuild: a chunk whose vector {@code carried} holds is not embedded again. */
    List<IngestResult> reingestAll(List<DocumentInput> documents, CarriedVectors carried) {
        return tracing.span("jikji.ingest", span -> span.setAttribute("jikji.documents", documents.size()),
                () -> ingestEach(documents, null, carried, null));
    }

    /**
     * Whether {@code original}, a stored document's ingest request, would be made into other chunks by this build
     * than the ones its {@code storedHash} records (a release changed the parsing or chunking rules, or
     * {@code jikji.chunking.*} changed); the embedding model and analysis cannot differ in an index that opened.
     */
    boolean isStale(DocumentInput original, String storedHash) {
        return !contentHash(original).equals(storedHash);
    }

    /** What {@link #isStale} compares with: a digest of this build's parsing, chunking, model and analysis settings. */
    String rules() {
        return sha256(pipelineFingerprint);
    }

    /**
     * Re-ingests stored originals under the current rules, each only if its document still has {@code storedHashes}'
     * hash when it is written (a write or delete since wins); unchanged chunks keep their vectors.
     */
    List<IngestResult> refresh(List<DocumentInput> originals, List<String> storedHashes) {
        return tracing.span("jikji.ingest", span -> span.setAttribute("jikji.documents", originals.size()),
                () -> ingestEach(originals, null, CarriedVectors.from(index), storedHashes));
    }

    private List<IngestResult> ingestEach(List<DocumentInput> documents, java.util.Set<String> writer, CarriedVectors carried,
            List<String> storedHashes) {
        // writes lost with a writer that failed mid-request must not be acknowledged by its successor's commit
        long generation = index.generation();
        long embedded0 = carried.embedded(), carried0 = carried.carried(); // a rebuild's counts run over its batches
        IngestResult[] results = new IngestResult[documents.size()];
        List<Prepared> group = new ArrayList<>();
        // what this batch wrote: the searcher sees it only after the commit
        Map<String, String> written = new java.util.HashMap<>();
        int groupChunks = 0;
        boolean wrote = false;
        for (int i = 0; i < documents.size(); i++) {
            try {
                int at = i;
                // per document and per group, not per request: a search waits for at most one such step of a bulk
                String expected = storedHashes == null ? null : storedHashes.get(at);
                Prepared p = admission.run(WorkClass.BULK, () -> prepare(documents.get(at), at, writer, expected));
                if (p.unchanged() != null) {
                    results[i] = p.unchanged();
                    continue;
                }
                group.add(p);
                groupChunks += p.chunks().size();
            } catch (WriteAccess.ForbiddenWriteException e) {
                results[i] = IngestResult.failed(documents.get(i).id(), i, IngestResult.Error.forbidden(e.field(), e.getMessage()));
            } catch (InvalidFieldException e) {
                results[i] = IngestResult.failed(documents.get(i).id(), i,
                        new IngestResult.Error(e.field(), e.getMessage(), null));
            } catch (ParseLimitExceededException e) {
                results[i] = IngestResult.failed(documents.get(i).id(), i,
                        IngestResult.Error.overLimit("text", e.getMessage(), e.limit().key()));
            }
            if (groupChunks >= EMBED_GROUP_CHUNKS || (i == documents.size() - 1 && !group.isEmpty())) {
                wrote |= admission.run(WorkClass.BULK, () -> embedAndWrite(group, results, written, carried));
                group.clear();
                groupChunks = 0;
            }
        }
        if (!group.isEmpty()) wrote |= admission.run(WorkClass.BULK, () -> embedAndWrite(group, results, written, carried));
        if (wrote) admission.run(WorkClass.BULK, () -> tracing.span("jikji.commit", () -> {
            index.commit(generation);
            return null;
        }));
        List<IngestResult> all = List.of(results);
        events.publish(ingested(all, carried.embedded() - embedded0, carried.carried() - carried0));
        return all;
    }

    private static final int EMBED_GROUP_CHUNKS = 256;

    /**
     * Changed whenever a parser or the chunker changes what a document becomes (stop 34: a long table's header row
     * in each of its chunks), so that sending a stored document again re-chunks it instead of answering "unchanged";
     * the chunks it leaves as they were keep their vectors ({@link CarriedVectors}).
     */
    static final String RULES = "2026-12-08";

    /**
     * A validated, chunked document waiting for its vectors, or the result when it is unchanged; {@code languages}
     * holds each chunk's detected language; {@code expectedHash}, for a refresh, the hash the stored document must
     * still have when it is written (null: any).
     */
    private record Prepared(int position, DocumentInput doc, String hash, String title, List<Chunk> chunks,
            List<Language> languages, IngestResult unchanged, Set<String> writer, String expectedHash) {}

    private Prepared prepare(DocumentInput raw, int position, java.util.Set<String> writer, String expectedHash) {
        DocumentInput doc = validate(raw);
        Optional<DocumentRecord> existing = index.document(doc.id());
        // access first, content after: a refused writer learns nothing of what is stored (no unchanged/updated)
        if (existing.isPresent() && !WriteAccess.mayWrite(writer, existing.get().acl())) throw WriteAccess.refused(doc.id());
        // an omitted acl keeps the stored one; lifting restrictions takes an explicit (and permitted) "acl": []
        List<String> acl = doc.acl() != null ? doc.acl() : existing.map(DocumentRecord::acl).orElse(List.of());
        doc = doc.withAcl(acl.isEmpty() ? null : List.copyOf(acl)); // one canonical form for the content hash
        if (!WriteAccess.mayWrite(writer, doc.acl())) throw WriteAccess.refused(doc.id());
        String hash = contentHash(doc);
        if (existing.isPresent() && existing.get().hash().equals(hash)) {
            return new Prepared(position, doc, hash, null, List.of(), List.of(),
                    new IngestResult(doc.id(), IngestResult.Status.UNCHANGED, existing.get().chunks(), null, null), writer,
                    expectedHash);
        }
        ParsedDocument parsed = parsers.parse(doc.contentType(), doc.text(), doc.id());
        String title = doc.title() != null ? doc.title() : parsed.title() != null ? parsed.title() : doc.id();
        List<Chunk> chunks = chunker.chunk(parsed);
        if (chunks.isEmpty()) {
            throw new InvalidFieldException("text", "the document has no text to index once its markup is removed");
        }
        List<Language> languages = chunks.stream().map(c -> TextLanguage.detect(c.text())).toList();
        return new Prepared(position, doc, hash, title, chunks, languages, null, writer, expectedHash);
    }

    /**
     * Embeds the group's chunks that get a vector ({@link VectorLanguages}) in one call, then
     * replaces each document; true when anything was written.
     */
    private boolean embedAndWrite(List<Prepared> group, IngestResult[] results, Map<String, String> written,
            CarriedVectors carried) {
        List<TextSegment> segments = new ArrayList<>();
        List<List<float[]>> vectorsOf = new ArrayList<>(group.size());
        // where each embedded segment's vector goes: document (index in group) and chunk
        List<int[]> slots = new ArrayList<>();
        int carriedOver = 0;
        for (int g = 0; g < group.size(); g++) {
            Prepared p = group.get(g);
            Map<String, float[]> old = null; // read only for a document with chunks to embed (not an all-Korean one)
            List<float[]> own = new ArrayList<>(java.util.Collections.nCopies(p.chunks().size(), (float[]) null));
            for (int i = 0; i < p.chunks().size(); i++) {
                if (!vectorLanguages.embeds(p.languages().get(i))) continue;
                if (old == null) old = carried.of(p.doc().id());
                Chunk c = p.chunks().get(i);
                float[] kept = old.get(ReindexSource.chunkKey(p.title(), c.headingPath(), c.text()));
                if (kept != null && kept.length == embeddings.spec().dimension()) {
                    own.set(i, kept);
                    carriedOver++;
                } else {
                    segments.add(TextSegment.from(c.contextualText(p.title())));
                    slots.add(new int[] {g, i});
                }
            }
            vectorsOf.add(own);
        }
        carried.count(carriedOver, segments.size());
        long t0 = System.nanoTime();
        List<Embedding> vectors = segments.isEmpty() ? List.of()
                : tracing.span("jikji.embed", span -> span.setAttribute("jikji.chunks", segments.size()),
                        () -> embeddings.passageModel().embedAll(segments).content());
        if (!segments.isEmpty()) {
            events.publish(new StageTimed(Stage.EMBED, System.nanoTime() - t0));
        }
        for (int s = 0; s < slots.size(); s++) vectorsOf.get(slots.get(s)[0]).set(slots.get(s)[1], vectors.get(s).vector());
        boolean wrote = false;
        for (int g = 0; g < group.size(); g++) {
            Prepared p = group.get(g);
            results[p.position()] = write(p, vectorsOf.get(g), written);
            wrote |= results[p.position()].status() != IngestResult.Status.UNCHANGED;
        }
        return wrote;
    }

    /**
     * The existing version is read again under the document's lock: a concurrent request may have
     * written the same content meanwhile (then this one is unchanged) or another one (last write wins).
     */
    private IngestResult write(Prepared p, List<float[]> vectors, Map<String, String> written) {
        DocumentInput doc = p.doc();
        synchronized (lockFor(doc.id())) {
            Optional<DocumentRecord> existing = index.document(doc.id());
            if (existing.isPresent() && !WriteAccess.mayWrite(p.writer(), existing.get().acl())) {
                IngestResult.Error refused = IngestResult.Error.forbidden("acl", WriteAccess.refused(doc.id()).getMessage());
                return IngestResult.failed(doc.id(), p.position(), refused);
            }
            String previousHash = written.containsKey(doc.id()) ? written.get(doc.id())
                    : existing.map(DocumentRecord::hash).orElse(null);
            // a refresh of what was stored: a write or delete since then is newer and stays
            if (p.expectedHash() != null && !p.expectedHash().equals(previousHash)) {
                return new IngestResult(doc.id(), IngestResult.Status.UNCHANGED, existing.map(DocumentRecord::chunks).orElse(0),
                        null, null);
            }
            if (p.hash().equals(previousHash)) {
                return new IngestResult(doc.id(), IngestResult.Status.UNCHANGED, p.chunks().size(), null, null);
            }
            written.put(doc.id(), p.hash());
            Map<String, String> metadata = doc.metadata() == null ? Map.of() : doc.metadata();
            int embedded = (int) vectors.stream().filter(java.util.Objects::nonNull).count();
            DocumentRecord record = new DocumentRecord(doc.id(), p.title(), doc.source(), doc.contentType(), metadata,
                    doc.acl() == null ? List.of() : doc.acl(), p.hash(), Instant.now(), p.chunks().size(), embedded);
            index.upsert(IndexedDocuments.of(record, write(new TreeMap<>(metadata)), write(doc), p.chunks(),
                    vectors, p.languages()));
            return new IngestResult(doc.id(), previousHash != null ? IngestResult.Status.UPDATED : IngestResult.Status.CREATED,
                    p.chunks().size(), null, null);
        }
    }

    public boolean delete(String id) {
        return delete(id, null);
    }

    /** False when there is no such document or {@code writerGroups} may not write it: the caller cannot tell which. */
    public boolean delete(String id, java.util.Set<String> writerGroups) {
        // let in before the document's lock is taken: nothing waits for a slot while holding a lock
        return admission.run(WorkClass.BULK, () -> {
            synchronized (lockFor(id)) {
                Optional<DocumentRecord> existing = index.document(id);
                if (existing.isEmpty() || !WriteAccess.mayWrite(writerGroups, existing.get().acl())) return false;
                long generation = index.generation();
                index.delete(id);
                index.commit(generation);
                return true;
            }
        });
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
        String id = DocumentIds.normalize(d.id() != null ? d.id() : d.source() != null && !d.source().isBlank() ? d.source()
                : "sha256:" + sha256(d.text()).substring(0, 32));
        checkText("id", id, MAX_ID_LENGTH);
        DocumentIds.check(id);
        checkIdSegments(id);
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

    /**
     * Ids are addressed as URL paths ({@code /api/v1/documents/{id}}): a {@code .} or {@code ..} segment would be
     * collapsed by clients and proxies on the way, leaving a document nobody can fetch or delete, and it reads
     * as path traversal. Backslashes are refused for the same reason (some clients turn them into slashes).
     */
    private static void checkIdSegments(String id) {
        if (id.indexOf('\\') >= 0) throw new InvalidFieldException("id", "id must not contain backslashes");
        for (String segment : id.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidFieldException("id", "id must not contain '.' or '..' path segments");
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

    /**
     * What a request changed: created and updated documents and their chunks (unchanged ones are not counted), the
     * chunks it embedded and those whose vectors it took over.
     */
    static DocumentsIngested ingested(List<IngestResult> results, long vectorsEmbedded, long vectorsReused) {
        int documents = 0;
        long chunks = 0;
        for (IngestResult r : results) {
            if (r.status() == IngestResult.Status.CREATED || r.status() == IngestResult.Status.UPDATED) {
                documents++;
                if (r.chunks() != null) chunks += r.chunks();
            }
        }
        return new DocumentsIngested(documents, chunks, vectorsEmbedded, vectorsReused);
    }
}
