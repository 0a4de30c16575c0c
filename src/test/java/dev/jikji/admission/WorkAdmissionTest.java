package dev.jikji.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkAdmissionTest {

    /** Starts a thread that is let in as {@code kind}, reports {@code name}, and holds its slot until {@code release}. */
    private static Thread worker(WorkAdmission admission, WorkClass kind, String name, BlockingQueue<String> order,
            CountDownLatch release) {
        return started(name, () -> admission.run(kind, () -> {
            order.add(name);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) throw new AssertionError(t.getName() + " never blocked: " + t.getState());
            Thread.sleep(2);
        }
    }

    @Test
    void aFreedSlotGoesToAWaitingSearchBeforeAnIngestThatCameFirst() throws Exception {
        WorkAdmission admission = new WorkAdmission(1, Duration.ofSeconds(30));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        worker(admission, WorkClass.BULK, "running ingest", order, first);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("running ingest");
        Thread ingest = worker(admission, WorkClass.BULK, "waiting ingest", order, rest);
        awaitBlocked(ingest);
        Thread search = worker(admission, WorkClass.INTERACTIVE, "search", order, rest);
        awaitBlocked(search);
        assertThat(admission.waitingInteractive()).isEqualTo(1);

        first.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("search");
        assertThat(order.poll(200, TimeUnit.MILLISECONDS)).as("one slot: the ingest still waits").isNull();
        rest.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("waiting ingest");
    }

    @Test
    void anIngestThatWaitedItsLongestGoesInAheadOfWaitingSearches() throws Exception {
        WorkAdmission admission = new WorkAdmission(1, Duration.ofMillis(150));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        worker(admission, WorkClass.INTERACTIVE, "search 1", order, first);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("search 1");
        Thread ingest = worker(admission, WorkClass.BULK, "ingest", order, rest);
        awaitBlocked(ingest);
        Thread search = worker(admission, WorkClass.INTERACTIVE, "search 2", order, rest);
        awaitBlocked(search);
        Thread.sleep(400); // the ingest is now past its longest wait
        first.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).as("a steady stream of searches never starves ingest").isEqualTo("ingest");
        assertThat(order.poll(200, TimeUnit.MILLISECONDS)).isNull();
        rest.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("search 2");
    }

    @Test
    void withoutWaitingSearchesAnIngestGoesStraightIn() {
        WorkAdmission admission = new WorkAdmission(1, Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThat(admission.run(WorkClass.BULK, () -> admission.working())).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L);
        assertThat(admission.working()).isZero();
    }

    @Test
    void offMeansNoSlotsAndNoWaiting() {
        assertThat(WorkAdmission.NONE.slots()).isZero();
        assertThat(WorkAdmission.NONE.run(WorkClass.BULK, () -> "ran")).isEqualTo("ran");
        assertThat(new WorkAdmission(0, Duration.ZERO).slots()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aSlotIsGivenBackWhenTheWorkThrows() {
        WorkAdmission admission = new WorkAdmission(1, Duration.ZERO);
        try {
            admission.run(WorkClass.INTERACTIVE, () -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the slot must be free again
        }
        assertThat(admission.working()).isZero();
        assertThat(admission.run(WorkClass.INTERACTIVE, () -> "again")).isEqualTo("again");
    }

    @Test
    void ingestNeverHoldsMoreThanItsShareOfTheSlotsEvenWhenOverdue() throws Exception {
        WorkAdmission admission = new WorkAdmission(4, 0, Duration.ofMillis(50));
        assertThat(admission.bulkSlots()).as("half of 4").isEqualTo(2);
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        CountDownLatch ingests = new CountDownLatch(1);
        CountDownLatch searches = new CountDownLatch(1);
        for (int i = 1; i <= 4; i++) worker(admission, WorkClass.BULK, "ingest " + i, order, ingests);
        assertThat(order.poll(10, TimeUnit.SECONDS)).startsWith("ingest");
        assertThat(order.poll(10, TimeUnit.SECONDS)).startsWith("ingest");
        assertThat(order.poll(300, TimeUnit.MILLISECONDS)).as("no search waits, yet only 2 of 4 slots go to ingest").isNull();
        Thread.sleep(200); // the two waiting ingests are now overdue
        for (int i = 1; i <= 2; i++) worker(admission, WorkClass.INTERACTIVE, "search " + i, order, searches);
        assertThat(order.poll(10, TimeUnit.SECONDS)).as("overdue ingests keep no slot beyond ingest's share").startsWith("search");
        assertThat(order.poll(10, TimeUnit.SECONDS)).startsWith("search");
        assertThat(admission.working()).isEqualTo(4);
        ingests.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isIn("ingest 1", "ingest 2", "ingest 3", "ingest 4");
        assertThat(order.poll(10, TimeUnit.SECONDS)).isIn("ingest 1", "ingest 2", "ingest 3", "ingest 4");
        searches.countDown();
    }

    @Test
    void anOverdueIngestStillGoesBeforeSearchesWithinItsShare() throws Exception {
        WorkAdmission admission = new WorkAdmission(2, 1, Duration.ofMillis(100));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        worker(admission, WorkClass.INTERACTIVE, "search 1", order, first);
        worker(admission, WorkClass.INTERACTIVE, "search 2", order, rest);
        assertThat(order.poll(10, TimeUnit.SECONDS)).startsWith("search");
        assertThat(order.poll(10, TimeUnit.SECONDS)).startsWith("search");
        Thread ingest = worker(admission, WorkClass.BULK, "ingest", order, rest);
        awaitBlocked(ingest);
        Thread.sleep(300); // overdue
        Thread search = worker(admission, WorkClass.INTERACTIVE, "search 3", order, rest);
        awaitBlocked(search);
        first.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("ingest");
        rest.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("search 3");
    }

    /** Starts a search that takes its slot, reports its name and gives the slot back at once. */
    private static Thread quickSearch(WorkAdmission admission, String name, BlockingQueue<String> order) {
        return started(name, () -> admission.run(WorkClass.INTERACTIVE, () -> order.add(name)));
    }

    @Test
    void searchesAreLetInInTheOrderTheyCame() throws Exception {
        WorkAdmission admission = new WorkAdmission(1, Duration.ofSeconds(30));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        CountDownLatch first = new CountDownLatch(1);
        worker(admission, WorkClass.INTERACTIVE, "running", order, first);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("running");
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            awaitBlocked(quickSearch(admission, "search " + i, order)); // one after the other, each queued before the next
            expected.add("search " + i);
        }
        first.countDown();
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) seen.add(order.poll(10, TimeUnit.SECONDS));
        assertThat(seen).as("first come, first served (8 waiters woken together would otherwise race)").isEqualTo(expected);
    }

    @Test
    void aSearchInterruptedWhileWaitingDoesNotHoldUpTheOnesBehindIt() throws Exception {
        WorkAdmission admission = new WorkAdmission(1, Duration.ofSeconds(30));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        CountDownLatch first = new CountDownLatch(1);
        worker(admission, WorkClass.INTERACTIVE, "running", order, first);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("running");
        Thread gone = started("interrupted one", () -> {
            try {
                admission.run(WorkClass.INTERACTIVE, () -> order.add("interrupted one"));
            } catch (IllegalStateException expected) {
                // interrupted while waiting to be let in
            }
        });
        awaitBlocked(gone);
        awaitBlocked(quickSearch(admission, "next", order));
        gone.interrupt();
        gone.join(10_000);
        first.countDown();
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(admission.waitingInteractive()).isZero();
        assertThat(admission.run(WorkClass.INTERACTIVE, () -> "again")).isEqualTo("again");
    }

    @Test
    void aSearchThatJustLeftDoesNotBargeAheadOfOneWaiting() throws Exception {
        for (int round = 0; round < 20; round++) {
            WorkAdmission admission = new WorkAdmission(1, Duration.ofSeconds(30));
            BlockingQueue<String> order = new LinkedBlockingQueue<>();
            CountDownLatch release = new CountDownLatch(1);
            started("again", () -> {
                admission.run(WorkClass.INTERACTIVE, () -> {
                    order.add("first");
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
                // straight back in, while the waiting search is still being woken
                admission.run(WorkClass.INTERACTIVE, () -> order.add("the same client again"));
            });
            assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
            awaitBlocked(quickSearch(admission, "waiting", order));
            release.countDown();
            assertThat(order.poll(10, TimeUnit.SECONDS)).as("round %d", round).isEqualTo("waiting");
            assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("the same client again");
        }
    }

    @Test
    void ingestStepsRunNicedInTheCallersTraceContextAndSearchesStayOnTheCallersThread() throws Exception {
        WorkAdmission admission = new WorkAdmission(2, 1, Duration.ZERO, 7);
        try {
            int callerNice = NicedThreads.Os.niceOfThisThread();
            io.opentelemetry.context.ContextKey<String> key = io.opentelemetry.context.ContextKey.named("request");
            Thread caller = Thread.currentThread();
            try (var scope = io.opentelemetry.context.Context.current().with(key, "ingest-42").makeCurrent()) {
                int[] spawnedNice = new int[1];
                List<Object> bulk = admission.run(WorkClass.BULK, () -> {
                    // a thread started here (ONNX Runtime's intra-op pool, the parser pool) inherits the nice value
                    Thread child = new Thread(() -> spawnedNice[0] = NicedThreads.Os.niceOfThisThread());
                    child.start();
                    try {
                        child.join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return List.of(Thread.currentThread() != caller, NicedThreads.Os.niceOfThisThread(),
                            String.valueOf(io.opentelemetry.context.Context.current().get(key)),
                            NicedThreads.onNicedThread());
                });
                assertThat(bulk).containsExactly(true, Math.min(19, callerNice + 7), "ingest-42", true);
                assertThat(spawnedNice[0]).isEqualTo(Math.min(19, callerNice + 7));
                assertThat(admission.ingestNiceness()).hasValue(Math.min(19, callerNice + 7));

                List<Object> search = admission.run(WorkClass.INTERACTIVE,
                        () -> List.of(Thread.currentThread() == caller, NicedThreads.Os.niceOfThisThread()));
                assertThat(search).containsExactly(true, callerNice);
            }
            IllegalArgumentException thrown = new IllegalArgumentException("bad document");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> admission.run(WorkClass.BULK, () -> {
                throw thrown;
            })).isSameAs(thrown);
            assertThat(admission.working()).isZero();
        } finally {
            admission.close();
        }
    }
}
