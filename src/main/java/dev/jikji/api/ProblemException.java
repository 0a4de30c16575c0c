package dev.jikji.api;

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

    public static ProblemException allFailed(List<?> errors) {
        return new ProblemException(new Problem("about:blank", "Invalid request", 400,
                "no document of the batch could be ingested", errors.isEmpty() ? "body" : null, null, errors));
    }

    /** A document over a parser limit (jikji.parsing.*): well-formed, but more than this service will process. */
    public static ProblemException overLimit(String field, String detail) {
        return new ProblemException(Problem.of(422, "Document over a parser limit", detail, field));
    }

    /** Every item over a limit; one item's field and detail (which name the file and the limit) become the problem's. */
    public static ProblemException allOverLimits(String field, String detail, List<?> errors) {
        return new ProblemException(new Problem("about:blank", "Document over a parser limit", 422,
                detail != null ? detail : "no document of the batch could be ingested: each is over a parser limit (jikji.parsing.*)",
                field, null, errors));
    }

    public Problem problem() {
        return problem;
    }
}
