package dev.jikji.onnx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs ONNX Runtime calls on threads with a large native stack. ONNX Runtime's session creation and
 * some kernels need more stack than the JVM's default 1 MB thread stack: on the default stack the
 * process died with SIGSEGV (stack overflow in native code, so no hs_err report), depending on how
 * deep the calling thread already was, e.g. with a long class path or on HTTP worker threads.
 */
public final class OnnxThreads {

    /** Measured: 1 MB crashes, 8 MB works; 64 MB leaves a wide margin for larger models. */
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
        if (Thread.currentThread().getName().startsWith("onnx-")) {
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
