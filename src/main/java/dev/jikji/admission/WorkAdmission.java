package dev.jikji.admission;

import dev.jikji.config.JikjiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Lets a bounded number of requests work at once and hands the next free slot to a waiting search or answer before a
 * waiting ingest. On a few cores everything past saturation is queueing; without an order, a search queues behind
 * ingest requests whose embedding and commit take a hundred times longer (README "Load run"). An ingest that has
 * waited {@code ingestMaxWait} goes in anyway, so a steady stream of searches slows ingest but never stops it.
 * Hand-written: a priority semaphore with aging is a few lines, and none of the libraries at hand has one.
 */
@ApplicationScoped
public class WorkAdmission {

    /** No admission control: what services built by hand outside the server (the offline CLI, benchmarks) use. */
    public static final WorkAdmission NONE = new WorkAdmission(-1, Duration.ZERO);

    private final int slots; // 0: admission control off
    private final long bulkMaxWaitNanos;
    private int working;
    private int waitingInteractive;
    private int waitingBulk;
    private int overdueBulk; // ingests waiting longer than bulkMaxWait: they go before any search

    @Inject
    public WorkAdmission(JikjiConfig config) {
        this(config.limits().concurrentWork(), config.limits().ingestMaxWait());
    }

    /** @param concurrentWork slots; 0: twice the cores; below 0: no admission control */
    public WorkAdmission(int concurrentWork, Duration ingestMaxWait) {
        this.slots = concurrentWork < 0 ? 0
                : concurrentWork == 0 ? 2 * Runtime.getRuntime().availableProcessors() : concurrentWork;
        this.bulkMaxWaitNanos = Math.max(0, ingestMaxWait.toNanos());
    }

    /** Runs {@code work} once a slot is free for its class. */
    public <T> T run(WorkClass kind, Supplier<T> work) {
        if (slots == 0) return work.get();
        acquire(kind);
        try {
            return work.get();
        } finally {
            release();
        }
    }

    private synchronized void acquire(WorkClass kind) {
        try {
            if (kind == WorkClass.INTERACTIVE) {
                acquireInteractive();
            } else {
                acquireBulk();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to be let in", e);
        }
    }

    private void acquireInteractive() throws InterruptedException {
        waitingInteractive++;
        try {
            // the slots an ingest past its longest wait needs are kept for it, so ingest is never starved
            while (working + overdueBulk >= slots) wait();
            working++;
        } finally {
            waitingInteractive--;
            notifyAll(); // an ingest held back only by this waiting search may go when a slot is left
        }
    }

    private void acquireBulk() throws InterruptedException {
        long deadline = System.nanoTime() + bulkMaxWaitNanos;
        boolean overdue = false;
        waitingBulk++;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (!overdue && left <= 0) {
                    overdue = true;
                    overdueBulk++;
                }
                if (working < slots && (waitingInteractive == 0 || overdue)) break;
                if (overdue) {
                    wait();
                } else {
                    wait(Math.max(1, left / 1_000_000));
                }
            }
            working++;
        } finally {
            waitingBulk--;
            if (overdue) {
                overdueBulk--;
                notifyAll();
            }
        }
    }

    private synchronized void release() {
        working--;
        notifyAll();
    }

    /** Slots (0 when admission control is off). */
    public int slots() {
        return slots;
    }

    /** Requests working now (for tests and metrics). */
    public synchronized int working() {
        return working;
    }

    /** Ingest steps and deletes waiting for a slot now (for metrics). */
    public synchronized int waitingBulk() {
        return waitingBulk;
    }

    /** Searches and answers waiting for a slot now (for tests and metrics). */
    public synchronized int waitingInteractive() {
        return waitingInteractive;
    }
}
