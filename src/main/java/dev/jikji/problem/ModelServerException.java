package dev.jikji.problem;

/**
 * A remote model server (embedding, reranker) did not serve a request: {@code api.ProblemMappers} answers 503 with
 * {@code Retry-After} when it timed out or every slot was taken, 502 when it failed. The message names the server
 * (model and base URL) and the HTTP status, never a key or what was sent.
 */
public class ModelServerException extends RuntimeException {

    public enum Failure {
        /** No answer within the configured time-out. */
        TIMEOUT,
        /** This process already has {@code max-concurrent} requests in flight, and none finished within the time-out. */
        BUSY,
        /** The server answered with an error, or with something that is not a valid answer. */
        FAILED
    }

    private final Failure failure;

    public ModelServerException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
