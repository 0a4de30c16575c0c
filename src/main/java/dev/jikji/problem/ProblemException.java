package dev.jikji.problem;

/** Ends a request with a problem response (API and Slack alike; {@code api.ProblemMappers} writes it). */
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

    public Problem problem() {
        return problem;
    }
}
