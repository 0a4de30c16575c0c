package dev.jikji.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.LuceneIndex;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Liveness and readiness in the MicroProfile Health JSON shape, at the paths SmallRye Health uses.
 * Hand-written because quarkus-smallrye-health does not resolve for this Quarkus platform version
 * from the registry we build against; swap it in when it does.
 */
@Path("/q/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    LuceneIndex index;

    @Inject
    EmbeddingModels embeddings;

    @Inject
    dev.jikji.rag.AnswerGenerators generators;

    @Inject
    dev.jikji.rerank.Rerankers rerankers;

    @Inject
    dev.jikji.observe.Readiness readiness;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String name, String status, Map<String, Object> data) {}

    public record Health(String status, List<Check> checks) {}

    @GET
    @Path("live")
    public Health live() {
        return new Health("UP", List.of());
    }

    @GET
    @Path("ready")
    public Response ready() {
        List<Check> checks = List.of(startupCheck(), indexCheck(), modelCheck(), answeringCheck());
        boolean up = checks.stream().allMatch(c -> c.status().equals("UP"));
        return Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN", checks)).build();
    }

    @GET
    public Response all() {
        return ready();
    }

    /** DOWN until start-up work (model loading, index rebuild, seeding) is done, and again once shutdown begins. */
    private Check startupCheck() {
        String reason = readiness.reason();
        return reason == null ? new Check("startup", "UP", Map.of("phase", "ready"))
                : new Check("startup", "DOWN", Map.of("phase", readiness.phase().name().toLowerCase(java.util.Locale.ROOT),
                        "reason", reason));
    }

    private Check indexCheck() {
        try {
            // a set-aside index still being re-ingested: searches would miss documents
            if (index.reindexSource().isPresent()) {
                return new Check("index", "DOWN", Map.of("path", index.path().toAbsolutePath().toString(),
                        "rebuilding", true, "documents", index.countDocuments()));
            }
            // a failed write (disk full, I/O): DOWN with the cause until a commit succeeds (tryRecover retries)
            if (!index.tryRecover() && index.writeFailure().isPresent()) {
                return new Check("index", "DOWN", Map.of("writes", "failing", "reason", index.writeFailure().get().reason()));
            }
            return new Check("index", "UP", Map.of("path", index.path().toAbsolutePath().toString(),
                    "documents", index.countDocuments(), "chunks", index.countChunks(),
                    "rebuilding", index.reindexSource().isPresent()));
        } catch (RuntimeException e) {
            return new Check("index", "DOWN", Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** Which reranker and generator answer questions, so nobody mistakes quoted sentences for an LLM. */
    private Check answeringCheck() {
        dev.jikji.rag.AnswerGenerator g = generators.current();
        return new Check("answering", "UP", Map.of("reranker", rerankers.name(), "generator", g.name(),
                "mode", g.mode(), "executionProvider", g.executionProvider()));
    }

    private Check modelCheck() {
        return new Check("embedding-model", "UP", Map.of("name", embeddings.spec().name(),
                "dimension", embeddings.spec().dimension(), "executionProvider", embeddings.executionProvider(),
                "embeddedDefault", embeddings.isEmbeddedDefault()));
    }
}
