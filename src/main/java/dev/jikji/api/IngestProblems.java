package dev.jikji.api;

import dev.jikji.ingest.IngestResult;
import dev.jikji.problem.Problem;
import dev.jikji.problem.ProblemException;
import java.util.List;

/** Ingest outcomes as problems: kept in {@code api} so the neutral {@code problem} package knows no ingest type. */
final class IngestProblems {

    private IngestProblems() {}

    /** One document refused: 400 (invalid), 403 (outside the caller's groups) or 422 (over a parser limit). */
    static ProblemException of(IngestResult.Error e) {
        return new ProblemException(Problem.of(e.status(), title(e.status()), e.detail(), e.field()));
    }

    /**
     * No document of a batch ingested. When every item failed for the same reason the status is that reason's
     * (403, 422); with a single item its field and detail (naming the file and the limit) become the problem's.
     */
    static ProblemException allFailed(List<IngestResult> results) {
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
}
