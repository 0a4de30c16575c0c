package dev.jikji.onnx;

import dev.jikji.admission.NicedThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs ONNX Runtime calls on threads with a large native stack, whatever thread asks: HTTP workers and
 * other callers have the JVM's 1 MB default, and native code that overflows it kills the process with
 * SIGSEGV and no hs_err report. ONNX Runtime 1.29.0 did exactly that (its start-up code copied the
 * command line onto the stack; long class paths crashed it, on Quarkus worker threads too); the
 * release we pin does not, and this keeps the next such surprise from taking the service down.
 */
public final class OnnxThreads {

    /** With ONNX Runtime 1.29.0, 1 MB crashed and 8 MB worked; 64 MB leaves a wide margin (it is only reserved). */
    static final long STACK_BYTES = 64L * 1024 * 1024;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(null, task, "onnx-" + COUNT.incrementAndGet(), STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    private OnnxThreads() {}

    /** Runs {@code work} on an ONNX thread and waits for it; exceptions reach the caller unchanged. */
    public static <T, E extends Exception> T call(OnnxWork<T, E> work) throws E {
        if (Thread.currentThread().getName().startsWith("onnx-") || NicedThreads.onNicedThread()) {
            return work.run();
        }
        Future<T> future = EXECUTOR.submit((Callable<T>) work::run);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ONNX Runtime", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            @SuppressWarnings("unchecked")
            E checked = (E) cause;
            throw checked;
        }
    }

    @FunctionalInterface
    public interface OnnxWork<T, E extends Exception> {
        T run() throws E;
    }
}
