package dev.jikji.onnx;

import java.time.Duration;

/**
 * Keeps a model's native resources open while anything still uses them. Closing an {@code OrtSession} (or a
 * native tokenizer) under a running call frees memory that call is using, and the JVM dies with SIGSEGV: seen
 * when SIGTERM's grace period ran out during a long ingest and shutdown closed the embedder mid-batch.
 * Callers wrap each use in {@link #run}; {@link #closeWhenIdle} refuses new uses, waits a bounded time for
 * those in flight, and says whether it is safe to free. Uses may nest and may come from several threads (a
 * caller and the ONNX thread it waits on each count), so an interrupted caller does not release a run that
 * is still executing natively.
 */
public final class RunGate {

    private final String name;
    private int running;
    private boolean closed;

    public RunGate(String name) {
        this.name = name;
    }

    /** Runs {@code work} unless the gate is closed (then {@link IllegalStateException}: the model is shutting down). */
    public <T, E extends Exception> T run(OnnxThreads.OnnxWork<T, E> work) throws E {
        enter();
        try {
            return work.run();
        } finally {
            exit();
        }
    }

    private synchronized void enter() {
        if (closed) throw new IllegalStateException(name + " is closed: the service is shutting down");
        running++;
    }

    private synchronized void exit() {
        running--;
        if (running == 0) notifyAll();
    }

    /**
     * Refuses new uses and waits up to {@code timeout} for the running ones. Returns true when none is left
     * (free the native resources), false when some still run (leave them: the process is exiting anyway,
     * and a leak at exit is harmless where a free under a running call is not).
     */
    public synchronized boolean closeWhenIdle(Duration timeout) {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running == 0;
            }
        }
        return true;
    }

    /** True once closing began: long uses (a generation) stop early with what they have. */
    public synchronized boolean closing() {
        return closed;
    }

    /** Uses in flight (for tests). */
    public synchronized int running() {
        return running;
    }
}
