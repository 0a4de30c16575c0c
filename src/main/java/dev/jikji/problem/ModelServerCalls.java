package dev.jikji.problem;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls to one remote model server (embedding or reranker), at most {@code maxConcurrent} in flight from this
 * process, each turned into a {@link ModelServerException} when it fails: a time-out (the JDK's, or LangChain4j's
 * mapping of it) is {@link ModelServerException.Failure#TIMEOUT}, any other failure
 * {@link ModelServerException.Failure#FAILED}. One class for both servers so the two map failures alike.
 */
public final class ModelServerCalls {

    private final String server;
    private final Duration timeout;
    private final Semaphore slots;

    /** {@code server} names it in messages, e.g. {@code "embedding server bge-m3 @ http://tei:8080/v1"}. */
    public ModelServerCalls(String server, Duration timeout, int maxConcurrent) {
        if (maxConcurrent < 1) throw new IllegalArgumentException(server + ": max-concurrent must be at least 1");
        this.server = server;
        this.timeout = timeout;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    public <T> T call(Supplier<T> request) {
        try {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ModelServerException(ModelServerException.Failure.BUSY, server + ": every one of its "
                        + "request slots stayed taken for " + timeout.toSeconds() + " s; retry later", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelServerException(ModelServerException.Failure.BUSY, server + ": interrupted waiting for a slot", e);
        }
        try {
            return request.get();
        } catch (ModelServerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw classify(e);
        } finally {
            slots.release();
        }
    }

    private ModelServerException classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return new ModelServerException(ModelServerException.Failure.TIMEOUT,
                        server + " did not answer within " + timeout.toMillis() + " ms; retry later", e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.exception.HttpException h) {
                return failed("answered HTTP " + h.statusCode(), e);
            }
            if (t instanceof StatusException s) return failed("answered HTTP " + s.status, e);
        }
        return failed("failed (" + e.getClass().getSimpleName() + ")", e);
    }

    /** The failure of a request that got an answer which is not one: a wrong vector count, a missing index. */
    public ModelServerException failed(String what, Throwable cause) {
        return new ModelServerException(ModelServerException.Failure.FAILED, server + " " + what, cause);
    }

    /** Thrown by a hand-written client on an HTTP error status, so that it is named like LangChain4j's. */
    public static final class StatusException extends RuntimeException {
        private final int status;

        public StatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    public String server() {
        return server;
    }
}
