package dev.jikji.api;

import dev.jikji.problem.JsonBodies;
import dev.jikji.problem.ProblemException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.auth.CurrentCaller;
import dev.jikji.config.JikjiConfig;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.DocumentListQuery;
import dev.jikji.index.SearchIndex;
import dev.jikji.ingest.ContentTypes;
import dev.jikji.ingest.DocumentIds;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.ingest.IngestResult;
import dev.jikji.ingest.IngestService;
import dev.jikji.ingest.ParseLimitExceededException;
import dev.jikji.ingest.UnreadableDocumentException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The ingest API: add or replace documents (JSON, NDJSON, multipart), list, show and delete them. */
@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    public static final String NDJSON = "application/x-ndjson";
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 1000;

    @Inject
    IngestService ingest;

    @Inject
    SearchIndex index;

    @Inject
    JsonBodies json;

    @Inject
    JikjiConfig config;

    @Inject
    CurrentCaller caller;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IngestResponse(List<IngestResult> results, int failed, long tookMs) {}

    public record DocumentPage(List<DocumentRecord> documents, String nextCursor, int total) {}

    public record Deleted(String id, String status) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResponse ingestJson(byte[] body) {
        long t0 = System.nanoTime();
        checkSize(body.length);
        JsonNode root = json.parse(body, null);
        if (root.isObject()) {
            DocumentInput doc = json.bind(root, DocumentInput.class, null, null);
            IngestResult r = ingest.ingestAll(List.of(doc), caller.groups()).getFirst();
            if (r.status() == IngestResult.Status.FAILED) throw IngestProblems.of(r.error());
            return new IngestResponse(List.of(r), 0, ms(t0));
        }
        if (!root.isArray()) {
            throw ProblemException.badRequest("body", "expected a document object or an array of documents");
        }
        if (root.isEmpty()) throw ProblemException.badRequest("body", "the array holds no document");
        checkBatch(root.size());
        Batch batch = new Batch();
        for (int i = 0; i < root.size(); i++) {
            try {
                batch.add(json.bind(root.get(i), DocumentInput.class, null, null));
            } catch (ProblemException e) {
                batch.fail(idOf(root.get(i)), e.problem().field(), e.problem().detail(), null);
            }
        }
        return batch.run(t0);
    }

    @POST
    @Consumes(NDJSON)
    public IngestResponse ingestNdjson(byte[] body) {
        long t0 = System.nanoTime();
        checkSize(body.length);
        Batch batch = new Batch();
        int line = 0;
        int from = 0;
        while (from <= body.length) {
            int to = from;
            while (to < body.length && body[to] != '\n') to++;
            line++;
            byte[] bytes = java.util.Arrays.copyOfRange(body, from, to);
            from = to + 1;
            if (new String(bytes, StandardCharsets.UTF_8).isBlank()) continue;
            checkBatch(batch.size() + 1);
            JsonNode node;
            try {
                node = json.parse(bytes, line);
                if (!node.isObject()) throw ProblemException.badLine(line, "body", "line " + line + ": expected a document object");
                batch.add(json.bind(node, DocumentInput.class, null, line), line);
            } catch (ProblemException e) {
                batch.fail(null, e.problem().field(), e.problem().detail(), line);
            }
        }
        if (batch.size() == 0) throw ProblemException.badRequest("body", "the body holds no document line");
        return batch.run(t0);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public IngestResponse ingestMultipart(@RestForm(FileUpload.ALL) List<FileUpload> files, @RestForm("id") String idField,
            @RestForm("source") String sourceField, @RestForm("metadata") String metadataField,
            @RestForm("acl") String aclField) {
        long t0 = System.nanoTime();
        if (files == null || files.isEmpty()) throw ProblemException.badRequest("file", "the form holds no file part");
        checkBatch(files.size());
        if (idField != null && files.size() > 1) {
            throw ProblemException.badRequest("id", "an id field names one document: send one file with it");
        }
        Map<String, String> metadata = null;
        if (metadataField != null) {
            JsonNode node = json.parse(metadataField.getBytes(StandardCharsets.UTF_8), null);
            if (!node.isObject()) throw ProblemException.badRequest("metadata", "metadata must be a JSON object of strings");
            metadata = new java.util.TreeMap<>();
            for (var e : node.properties()) {
                if (!e.getValue().isTextual()) {
                    throw ProblemException.badRequest("metadata." + e.getKey(), "metadata values must be strings");
                }
                metadata.put(e.getKey(), e.getValue().asText());
            }
        }
        List<String> acl = aclField == null ? null : aclOf(aclField);
        long total = files.stream().mapToLong(FileUpload::size).sum();
        checkSize(total);
        Batch batch = new Batch();
        for (FileUpload f : files) {
            String name = f.fileName() == null || f.fileName().isBlank() ? f.name() : f.fileName();
            String field = "file[" + name + "]";
            try {
                String contentType = ContentTypes.ofFile(f.contentType(), name).orElse(null);
                if (contentType == null) {
                    batch.fail(name, field, "unsupported file type for '" + name + "'; send Markdown, plain text, HTML, PDF or DOCX", null);
                    continue;
                }
                if (f.size() == 0) {
                    batch.fail(name, field, "the file part '" + name + "' is empty", null);
                    continue;
                }
                String text = ingest.parsers().readFile(contentType, f.uploadedFile(), name);
                batch.add(new DocumentInput(idField != null ? idField : name, null, text,
                        sourceField != null ? sourceField : name, contentType, metadata, acl));
            } catch (ProblemException e) {
                batch.fail(name, e.problem().field(), e.problem().detail(), null);
            } catch (ParseLimitExceededException e) {
                batch.fail(name, field, e.getMessage(), null, e.limit().key());
            } catch (UnreadableDocumentException e) {
                batch.fail(name, field, "'" + name + "': " + e.getMessage(), null);
            }
        }
        return batch.run(t0);
    }

    @GET
    public DocumentPage list(@QueryParam("limit") String limitParam, @QueryParam("cursor") String cursor,
            @QueryParam("prefix") String prefix) {
        int limit = DEFAULT_PAGE;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("limit", "limit must be an integer");
            }
            if (limit < 1 || limit > MAX_PAGE) throw ProblemException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        String after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("cursor", "cursor is not one this API returned");
            }
        }
        dev.jikji.index.DocumentPage page = index.listDocuments(new DocumentListQuery(prefix, after, limit, caller.groups()));
        String next = page.nextAfter() == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(page.nextAfter().getBytes(StandardCharsets.UTF_8));
        return new DocumentPage(page.documents(), next, page.total());
    }

    @GET
    @Path("{id: .+}")
    public Object get(@PathParam("id") String id, @QueryParam("chunks") boolean withChunks) {
        // an invisible document is "not found", exactly as a missing one: a 403 would reveal that it exists
        String normalized = DocumentIds.normalize(id);
        DocumentRecord r = index.document(normalized, caller.groups())
                .orElseThrow(() -> ProblemException.notFound("no document with id '" + id + "'"));
        if (!withChunks) return r;
        // for the web page's document view: the record and its chunks (id, heading path, page, text) in order
        return new DocumentWithChunks(r.id(), r.title(), r.source(), r.contentType(), r.metadata(), r.acl(), r.hash(),
                r.ingestedAt(), r.chunks(), r.embeddedChunks(), index.chunksOf(normalized, caller.groups(), 10_000).stream()
                        .map(c -> new ChunkView(c.chunkId(), c.headingPath(), c.page(), c.text())).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChunkView(String chunkId, List<String> headingPath, Integer page, String text) {}

    public record DocumentWithChunks(String id, String title, String source, String contentType,
            java.util.Map<String, String> metadata, List<String> acl, String hash, java.time.Instant ingestedAt,
            int chunks, int embeddedChunks, List<ChunkView> chunkList) {}

    @DELETE
    @Path("{id: .+}")
    public Deleted delete(@PathParam("id") String id) {
        if (!ingest.delete(DocumentIds.normalize(id), caller.groups())) throw ProblemException.notFound("no document with id '" + id + "'");
        return new Deleted(id, "deleted");
    }

    /**
     * The multipart {@code acl} field: a JSON array of group names or a comma-separated list; empty ({@code ""} or
     * {@code []}) makes the files public. Without the field a file keeps the ACL its document has.
     */
    private List<String> aclOf(String field) {
        String value = field.strip();
        if (value.isEmpty()) return List.of();
        if (!value.startsWith("[")) {
            return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
        }
        JsonNode node = json.parse(value.getBytes(StandardCharsets.UTF_8), null);
        List<String> groups = new ArrayList<>();
        for (JsonNode g : node) {
            if (!g.isTextual()) throw ProblemException.badRequest("acl", "acl must be a JSON array of group names or a comma-separated list");
            groups.add(g.asText());
        }
        return groups;
    }

    /** jikji.limits.max-documents-per-batch, checked before any document of the batch is ingested. */
    private void checkBatch(int documents) {
        int max = config.limits().maxDocumentsPerBatch();
        if (documents > max) {
            throw ProblemException.badRequest("documents", "the batch holds more than " + max
                    + " documents (jikji.limits.max-documents-per-batch); send it in smaller batches");
        }
    }

    private void checkSize(long bytes) {
        long limit = config.ingest().maxBodySize().asLongValue();
        if (bytes > limit) throw ProblemException.tooLarge(limit);
    }

    private static String idOf(JsonNode node) {
        JsonNode id = node == null ? null : node.get("id");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    private static long ms(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6);
    }

    /** Items of one request in order: documents to ingest and items already refused. */
    private final class Batch {
        private final List<DocumentInput> inputs = new ArrayList<>();
        private final List<Integer> inputPositions = new ArrayList<>();
        private final TreeMap<Integer, IngestResult> failures = new TreeMap<>();
        private final List<Integer> lines = new ArrayList<>();
        private int position;

        void add(DocumentInput doc) {
            add(doc, null);
        }

        void add(DocumentInput doc, Integer line) {
            inputs.add(doc);
            inputPositions.add(position++);
            lines.add(line);
        }

        void fail(String id, String field, String detail, Integer line) {
            fail(id, field, detail, line, null);
        }

        void fail(String id, String field, String detail, Integer line, String limit) {
            IngestResult.Error error = limit == null ? new IngestResult.Error(field, detail, line)
                    : IngestResult.Error.overLimit(field, detail, limit).atLine(line);
            failures.put(position, IngestResult.failed(id, position, error));
            position++;
        }

        int size() {
            return position;
        }

        IngestResponse run(long t0) {
            List<IngestResult> done = inputs.isEmpty() ? List.of() : ingest.ingestAll(inputs, caller.groups());
            IngestResult[] all = new IngestResult[position];
            failures.forEach((p, r) -> all[p] = r);
            for (int i = 0; i < done.size(); i++) {
                IngestResult r = done.get(i);
                int p = inputPositions.get(i);
                if (r.status() == IngestResult.Status.FAILED) {
                    r = IngestResult.failed(r.id(), p, r.error().atLine(lines.get(i)));
                }
                all[p] = r;
            }
            List<IngestResult> results = List.of(all);
            long failed = results.stream().filter(r -> r.status() == IngestResult.Status.FAILED).count();
            if (failed == results.size()) throw IngestProblems.allFailed(results);
            return new IngestResponse(results, (int) failed, ms(t0));
        }
    }
}
