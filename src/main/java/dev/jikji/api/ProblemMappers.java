package dev.jikji.api;

import dev.jikji.ingest.InvalidFieldException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as application/problem+json; internals never reach the client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return respond(Problem.of(400, "Invalid request", e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return respond(Problem.of(415, "Unsupported media type",
                "send application/json, application/x-ndjson or multipart/form-data", "Content-Type"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return respond(Problem.of(405, "Method not allowed", e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of(404, "Not found", "no such resource", null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(Problem.of(status, "Internal error", "the request could not be completed", null));
        }
        return respond(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null));
    }

    /**
     * A body the framework could not read before any resource ran: a truncated or malformed multipart
     * request is the client's fault (400); any other I/O failure is ours (500, logged).
     */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("multipart") || e instanceof java.io.EOFException) {
            return respond(Problem.of(400, "Invalid request", "the request body could not be read: " + message, "body"));
        }
        LOG.error("Request failed", e);
        return respond(Problem.of(500, "Internal error", "the request could not be completed", null));
    }

    /** Disk full: 507 Insufficient Storage; another I/O failure: 503. Either way nothing of the request was acknowledged. */
    @ServerExceptionMapper
    public Response indexWriteFailed(dev.jikji.index.IndexWriteException e) {
        int status = e.reason() == dev.jikji.index.IndexWriteException.Cause.DISK_FULL ? 507 : 503;
        return Response.status(status).type(Problem.MEDIA_TYPE).header("Retry-After", "30")
                .entity(Problem.of(status, status == 507 ? "Insufficient storage" : "Index unavailable",
                        e.getMessage() + "; nothing of this request was stored: retry later", null)).build();
    }

    @ServerExceptionMapper
    public Response parserBusy(dev.jikji.ingest.ParserBusyException e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                .entity(Problem.of(503, "Parsers busy", e.getMessage(), null)).build();
    }

    @ServerExceptionMapper
    public Response generatorBusy(dev.jikji.rag.LlmAnswerGenerator.GeneratorBusyException e) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                .entity(Problem.of(503, "Generator busy", e.getMessage(), null)).build();
    }

    @ServerExceptionMapper
    public Response generatorFailed(dev.jikji.rag.LlmAnswerGenerator.GenerationException e) {
        LOG.errorf("Generation failed: %s", e.getMessage());
        return Response.status(502).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(502, "Generator failed", e.getMessage(), null)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Request failed", e);
        return respond(Problem.of(500, "Internal error", "the request could not be completed", null));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
