package dev.jikji.admission;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Platform threads at a raised nice value, where ingest steps run, so that on a busy machine the kernel gives the
 * cores to searches first: admission decides who starts, this decides who gets the CPU once both run. Threads a
 * niced thread starts (ONNX Runtime's intra-op pool, the parser pool) inherit its nice value.
 * Hand-written: Java cannot set a thread's OS priority ({@code Thread.setPriority} is ignored on Linux unless the
 * JVM runs with {@code -XX:ThreadPriorityPolicy=1}, which also re-prioritises the JIT and GC threads), so one libc
 * call through JNA (declared in pom.xml; DJL's tokenizers use it too) does it for these threads alone.
 */
public final class NicedThreads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NicedThreads.class);

    /**
     * ONNX Runtime runs inline on these threads (see {@code OnnxThreads}), and its native code needs far more than
     * the JVM's 1 MB default; the stack is only reserved.
     */
    static final long STACK_BYTES = 64L * 1024 * 1024;

    private static final ThreadLocal<Boolean> NICED = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final int niceness;
    private final ExecutorService executor;
    private volatile OptionalInt applied = OptionalInt.empty();

    /** @param niceness added to the process's nice value for these threads (1-19) */
    public NicedThreads(int niceness) {
        this.niceness = Math.clamp(niceness, 1, 19);
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(null, () -> {
                NICED.set(true);
                renice();
                task.run();
            }, "jikji-ingest-" + COUNT.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether the calling thread is one of these (work there runs inline, and ONNX calls need no other thread). */
    public static boolean onNicedThread() {
        return NICED.get();
    }

    /** The nice value the last of these threads reported after it was set; empty before one started or where it cannot be. */
    public OptionalInt applied() {
        return applied;
    }

    /** Runs {@code work} on one of these threads, in the caller's trace context, and waits for it. */
    public <T> T call(Supplier<T> work) {
        if (onNicedThread()) return work.get();
        Future<T> future = executor.submit(Context.current().wrap((Callable<T>) work::get));
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ingest work", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    private void renice() {
        try {
            int before = Os.niceOfThisThread();
            int tid = LibC.INSTANCE.gettid();
            if (LibC.INSTANCE.setpriority(LibC.PRIO_PROCESS, tid, Math.min(19, before + niceness)) != 0) {
                LOG.warnf("ingest threads run at the searches' priority: setpriority failed (errno %d)", Native.getLastError());
                return;
            }
            int now = Os.niceOfThisThread();
            if (applied.isEmpty()) LOG.infof("ingest work runs at nice %d, searches at %d", now, before);
            applied = OptionalInt.of(now);
        } catch (LinkageError | RuntimeException e) {
            // not Linux, or no libc JNA can load: ingest still runs, at the searches' priority
            LOG.warnf("ingest threads run at the searches' priority: %s", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** glibc: {@code gettid} (2.30 and later) and {@code setpriority}, which on Linux applies to one thread given its id. */
    interface LibC extends Library {
        int PRIO_PROCESS = 0;
        LibC INSTANCE = Native.load("c", LibC.class);

        int gettid();

        int setpriority(int which, int who, int prio);
    }

    /** Reads the calling thread's nice value from procfs (what tests and the log line check against). */
    static final class Os {
        private Os() {}

        static int niceOfThisThread() {
            try {
                String stat = Files.readString(Path.of("/proc/thread-self/stat"));
                // fields after the parenthesised command name, which may itself hold spaces; nice is field 19
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Integer.parseInt(rest[16]);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read this thread's nice value", e);
            }
        }
    }
}
