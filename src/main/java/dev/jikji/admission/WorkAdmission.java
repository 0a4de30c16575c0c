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
    private final int bulkSlots; // at most this many of the slots work on ingest at once
    private final long bulkMaxWaitNanos;
    private int working;
    private int workingBulk;
    private int waitingInteractive;
    private int waitingBulk;
    private int overdueBulk; // ingests waiting longer than bulkMaxWait: they go before any search
    // searches and answers go in the order they came: woken waiters otherwise race for a freed slot, and an unlucky
    // one lost race after race while later ones went in (the tail of bin/load's search latency)
    private long nextTicket;
    private long servingTicket;
    private final java.util.Set<Long> abandoned = new java.util.HashSet<>();
    private final NicedThreads niced; // where ingest steps run once let in; null: on the caller's thread

    @Inject
    public WorkAdmission(JikjiConfig config) {
        this(config.limits().concurrentWork(), config.limits().ingestConcurrentWork(), config.limits().ingestMaxWait(),
                config.limits().ingestNiceness());
    }

    /** @param concurrentWork slots; 0: twice the cores; below 0: no admission control */
    public WorkAdmission(int concurrentWork, Duration ingestMaxWait) {
        this(concurrentWork, 0, ingestMaxWait);
    }

    /**
     * @param concurrentWork slots; 0: twice the cores; below 0: no admission control
     * @param ingestConcurrentWork how many of them ingest steps may hold at once; 0: half the slots (at least one)
     */
    public WorkAdmission(int concurrentWork, int ingestConcurrentWork, Duration ingestMaxWait) {
        this(concurrentWork, ingestConcurrentWork, ingestMaxWait, 0);
    }

    /**
     * As {@link #WorkAdmission(int, int, Duration)}, with ingest steps run on threads {@code ingestNiceness} nice
     * values below the searches' (0: on the caller's thread, at its priority).
     */
    public WorkAdmission(int concurrentWork, int ingestConcurrentWork, Duration ingestMaxWait, int ingestNiceness) {
        this.slots = concurrentWork < 0 ? 0
                : concurrentWork == 0 ? 2 * Runtime.getRuntime().availableProcessors() : concurrentWork;
        this.bulkSlots = ingestConcurrentWork <= 0 ? Math.max(1, slots / 2) : Math.min(ingestConcurrentWork, Math.max(1, slots));
        this.bulkMaxWaitNanos = Math.max(0, ingestMaxWait.toNanos());
        this.niced = ingestNiceness > 0 ? new NicedThreads(ingestNiceness) : null;
    }

    /** Runs {@code work} once a slot is free for its class. */
    public <T> T run(WorkClass kind, Supplier<T> work) {
        // the slot is taken on the caller's thread, so niced threads are only ever as many as ingest's slots
        Supplier<T> placed = kind == WorkClass.BULK && niced != null ? () -> niced.call(work) : work;
        if (slots == 0) return placed.get();
        acquire(kind);
        try {
            return placed.get();
        } finally {
            release(kind);
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
        long ticket = nextTicket++;
        boolean admitted = false;
        waitingInteractive++;
        try {
            // the slots an ingest past its longest wait may take are kept for it, so ingest is never starved
            while (ticket != servingTicket || working + keptForOverdue() >= slots) wait();
            working++;
            admitted = true;
        } finally {
            waitingInteractive--;
            if (ticket == servingTicket) {
                servingTicket++;
                while (abandoned.remove(servingTicket)) servingTicket++;
            } else if (!admitted) {
                abandoned.add(ticket); // interrupted while waiting: its turn is skipped
            }
            notifyAll(); // the next search in line, or an ingest held back only by this one, may go
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
                if (working < slots && workingBulk < bulkSlots && (waitingInteractive == 0 || overdue)) break;
                if (overdue) {
                    wait();
                } else {
                    wait(Math.max(1, left / 1_000_000));
                }
            }
            working++;
            workingBulk++;
        } finally {
            waitingBulk--;
            if (overdue) {
                overdueBulk--;
                notifyAll();
            }
        }
    }

    /**
     * Slots searches leave for overdue ingests: one each, but never more than ingest may hold at once. Without
     * that bound, ingests that went overdue together took every slot and searches waited for all of them (search
     * p99 under {@code bin/load}'s mix).
     */
    private int keptForOverdue() {
        return Math.min(overdueBulk, Math.max(0, bulkSlots - workingBulk));
    }

    private synchronized void release(WorkClass kind) {
        working--;
        if (kind != WorkClass.INTERACTIVE) workingBulk--;
        notifyAll();
    }

    /** Runs {@code work} where ingest steps run (on a niced thread, or here), without taking a slot. */
    public <T> T onIngestThread(Supplier<T> work) {
        return niced == null ? work.get() : niced.call(work);
    }

    /** The nice value ingest steps run at, once one ran; empty when they run on the caller's thread. */
    public java.util.OptionalInt ingestNiceness() {
        return niced == null ? java.util.OptionalInt.empty() : niced.applied();
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (niced != null) niced.close();
    }

    /** Slots (0 when admission control is off). */
    public int slots() {
        return slots;
    }

    /** How many slots ingest steps and deletes may hold at once. */
    public int bulkSlots() {
        return bulkSlots;
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
