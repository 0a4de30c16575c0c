package dev.jikji.api;

import dev.jikji.ingest.IngestResult;
import java.util.List;

/** Ends a request with a problem response. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.of(400, "Invalid request", detail, field));
    }

    public static ProblemException badLine(int line, String field, String detail) {
        return new ProblemException(new Problem("about:blank", "Invalid request", 400, detail, field, line, null));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not found", detail, null));
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of(413, "Request body too large",
                "the request body is larger than the limit of " + limit + " bytes (jikji.ingest.max-body-size)", "body"));
    }

    /** One document refused: 400 (invalid), 403 (outside the caller's groups) or 422 (over a parser limit). */
    public static ProblemException of(IngestResult.Error e) {
        return new ProblemException(Problem.of(e.status(), title(e.status()), e.detail(), e.field()));
    }

    /**
     * No document of a batch ingested. When every item failed for the same reason the status is that reason's
     * (403, 422); with a single item its field and detail (naming the file and the limit) become the problem's.
     */
    public static ProblemException allFailed(List<IngestResult> results) {
        int status = results.stream().map(r -> r.error().status()).distinct().count() == 1
                ? results.getFirst().error().status() : 400;
        IngestResult.Error only = results.size() == 1 ? results.getFirst().error() : null;
        return new ProblemException(new Problem("about:blank", title(status), status,
                only != null && status != 400 ? only.detail() : "no document of the batch could be ingested",
                results.isEmpty() ? "body" : only != null && status != 400 ? only.field() : null, null, results));
    }

    private static String title(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 422 -> "Document over a parser limit";
            default -> "Invalid request";
        };
    }

    public Problem problem() {
        return problem;
    }
}
