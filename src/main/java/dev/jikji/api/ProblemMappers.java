package dev.jikji.api;

import dev.jikji.index.IndexUnavailableException;
import dev.jikji.index.IndexWriteException;
import dev.jikji.ingest.InvalidFieldException;
import dev.jikji.ingest.ParserBusyException;
import dev.jikji.problem.ModelServerException;
import dev.jikji.problem.Problem;
import dev.jikji.problem.ProblemException;
import dev.jikji.rag.LlmAnswerGenerator.GenerationException;
import dev.jikji.rag.LlmAnswerGenerator.GeneratorBusyException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the API as application/problem+json; internals never reach the client. {@link #of} is the
 * one mapping from an exception to its problem: the exception mappers below (JSON responses, Slack's endpoints)
 * and the {@code error} event of a streamed answer both use it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A problem and, for a failure that passes, how many seconds to wait before retrying. */
    public record Mapped(Problem problem, String retryAfter) {
        Mapped(Problem problem) {
            this(problem, null);
        }

        Response response() {
            Response.ResponseBuilder b = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
            if (retryAfter != null) b.header("Retry-After", retryAfter);
            return b.build();
        }
    }

    /** The problem an exception ends a request with; a failure of ours (5xx without a known cause) is logged here. */
    public static Mapped of(Throwable e) {
        return switch (e) {
            case ProblemException p -> new Mapped(p.problem());
            case InvalidFieldException f -> new Mapped(Problem.of(400, "Invalid request", f.getMessage(), f.field()));
            case NotSupportedException u -> new Mapped(Problem.of(415, "Unsupported media type",
                    "send application/json, application/x-ndjson or multipart/form-data", "Content-Type"));
            case NotAllowedException n -> new Mapped(Problem.of(405, "Method not allowed", n.getMessage(), null));
            case NotFoundException n -> new Mapped(Problem.of(404, "Not found", "no such resource", null));
            case WebApplicationException w -> webProblem(w);
            case IOException io -> unreadableProblem(io);
            // disk full: 507 Insufficient Storage; another I/O failure: 503. Either way nothing of the request was acknowledged
            case IndexWriteException w -> {
                int status = w.reason() == IndexWriteException.Cause.DISK_FULL ? 507 : 503;
                // a cluster may have taken the write and failed its commit: stored or not, a retry replaces it
                String stored = w.reason() == IndexWriteException.Cause.UNAVAILABLE
                        ? "; this request may not have been stored: retry later (a re-sent document replaces itself)"
                        : "; nothing of this request was stored: retry later";
                yield new Mapped(Problem.of(status, status == 507 ? "Insufficient storage" : "Index unavailable",
                        w.getMessage() + stored, null), w.reason() == IndexWriteException.Cause.UNAVAILABLE ? "5" : "30");
            }
            case IndexUnavailableException u -> new Mapped(Problem.of(503, "Index unavailable", u.getMessage() + ": retry later", null), "5");
            case ParserBusyException b -> new Mapped(Problem.of(503, "Parsers busy", b.getMessage(), null), "5");
            case GeneratorBusyException b -> new Mapped(Problem.of(503, "Generator busy", b.getMessage(), null), "5");
            case GenerationException g -> {
                LOG.errorf("Generation failed: %s", g.getMessage());
                yield new Mapped(Problem.of(502, "Generator failed", g.getMessage(), null));
            }
            // a remote embedding or reranking server: too slow or every slot taken passes (503), a failure is theirs (502)
            case ModelServerException m -> {
                LOG.errorf("Model server: %s", m.getMessage());
                yield m.failure() == ModelServerException.Failure.FAILED
                        ? new Mapped(Problem.of(502, "Model server failed", m.getMessage(), null))
                        : new Mapped(Problem.of(503, m.failure() == ModelServerException.Failure.BUSY ? "Model server busy"
                                : "Model server timed out", m.getMessage(), null), "5");
            }
            default -> {
                LOG.error("Request failed", e);
                yield internal();
            }
        };
    }

    private static Mapped webProblem(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return new Mapped(Problem.of(status, "Internal error", "the request could not be completed", null));
        }
        return new Mapped(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null));
    }

    /**
     * A body the framework could not read before any resource ran: a truncated or malformed multipart
     * request is the client's fault (400); any other I/O failure is ours (500, logged).
     */
    private static Mapped unreadableProblem(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("multipart") || e instanceof EOFException) {
            return new Mapped(Problem.of(400, "Invalid request", "the request body could not be read: " + message, "body"));
        }
        LOG.error("Request failed", e);
        return internal();
    }

    private static Mapped internal() {
        return new Mapped(Problem.of(500, "Internal error", "the request could not be completed", null));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response unreadable(IOException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response indexWriteFailed(IndexWriteException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response indexUnavailable(IndexUnavailableException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response parserBusy(ParserBusyException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response generatorBusy(GeneratorBusyException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response modelServer(ModelServerException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response generatorFailed(GenerationException e) {
        return of(e).response();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return of(e).response();
    }

    static Response respond(Problem p) {
        return new Mapped(p).response();
    }
}
