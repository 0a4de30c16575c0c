package dev.jikji.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.onnx.SessionLanes.Lane;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionLanesTest {

    /** A thread that takes a session in {@code lane}, reports "name:session", then gives it back when told. */
    private static Thread taker(SessionLanes<String> lanes, Lane lane, String name, BlockingQueue<String> order,
            BlockingQueue<Boolean> go) {
        Thread t = new Thread(() -> {
            try {
                String s = lanes.take(lane);
                order.add(name + ":" + s);
                go.take();
                lanes.release(s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) throw new AssertionError(t.getName() + " never blocked: " + t.getState());
            Thread.sleep(2);
        }
    }

    @Test
    void aQueryQueuedBehindPendingBulkBatchesGetsTheNextFreedSession() throws Exception {
        SessionLanes<String> lanes = new SessionLanes<>(List.of("s1"), List.of());
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();
        String running = lanes.take(Lane.BULK); // the bulk batch on the only session
        Thread b1 = taker(lanes, Lane.BULK, "bulk1", order, go);
        Thread b2 = taker(lanes, Lane.BULK, "bulk2", order, go);
        awaitWaiting(b1);
        awaitWaiting(b2);
        Thread q = taker(lanes, Lane.QUERY, "query", order, go);
        awaitWaiting(q);
        assertThat(lanes.waitingQueries()).isEqualTo(1);

        lanes.release(running);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("query:s1");
        assertThat(order.poll(200, TimeUnit.MILLISECONDS)).as("no bulk batch may run beside the query").isNull();
        for (int i = 0; i < 3; i++) go.add(true);
        String next = order.poll(10, TimeUnit.SECONDS);
        String last = order.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(next, last)).containsExactlyInAnyOrder("bulk1:s1", "bulk2:s1");
        for (Thread t : List.of(b1, b2, q)) t.join(10_000);
    }

    @Test
    void withAReservedSessionTheLanesNeverWaitForEachOther() throws Exception {
        SessionLanes<String> lanes = new SessionLanes<>(List.of("shared"), List.of("query-only"));
        String bulk = lanes.take(Lane.BULK);
        assertThat(bulk).isEqualTo("shared");
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();
        Thread b = taker(lanes, Lane.BULK, "bulk", order, go);
        awaitWaiting(b);
        assertThat(order).as("the free query-only session is not for bulk").isEmpty();

        String query = lanes.take(Lane.QUERY);
        assertThat(query).as("a query passes the waiting bulk").isEqualTo("query-only");
        // a second query waits for the reserved session instead of taking the shared one from ingest
        Thread q2 = taker(lanes, Lane.QUERY, "query2", order, go);
        awaitWaiting(q2);
        lanes.release(bulk);
        assertThat(order.poll(10, TimeUnit.SECONDS)).as("bulk is not held back by a waiting query").isEqualTo("bulk:shared");
        lanes.release(query);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("query2:query-only");
        go.add(true);
        go.add(true);
        b.join(10_000);
        q2.join(10_000);
    }

    @Test
    void releasingAForeignSessionIsRefused() {
        SessionLanes<String> lanes = new SessionLanes<>(List.of("a"), List.of());
        assertThatThrownBy(() -> lanes.release("b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionLanes<>(List.of(), List.of("q"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBulkBatchWaitsForAQueryBeingEmbeddedAndStartsWhenItEnds() throws Exception {
        SessionLanes<String> lanes = new SessionLanes<>(List.of("bulk"), List.of("query"), java.time.Duration.ofSeconds(30));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();
        String query = lanes.take(Lane.QUERY);
        assertThat(lanes.runningQueries()).isEqualTo(1);
        Thread b = taker(lanes, Lane.BULK, "bulk", order, go);
        assertThat(order.poll(300, TimeUnit.MILLISECONDS)).as("the bulk batch waits while the query runs").isNull();
        lanes.release(query);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("bulk:bulk");
        go.add(true);
        b.join(10_000);
    }

    @Test
    void aBulkBatchStartsAnywayOnceItsYieldIsOver() throws Exception {
        SessionLanes<String> lanes = new SessionLanes<>(List.of("bulk"), List.of("query"), java.time.Duration.ofMillis(150));
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> go = new LinkedBlockingQueue<>();
        String query = lanes.take(Lane.QUERY); // a query that never ends: ingest must still advance
        long start = System.nanoTime();
        Thread b = taker(lanes, Lane.BULK, "bulk", order, go);
        assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("bulk:bulk");
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waitedMs).as("waited for the yield, no longer than needed").isBetween(140L, 5_000L);
        go.add(true);
        b.join(10_000);
        lanes.release(query);
    }

    @Test
    void withoutQueriesInFlightABulkBatchDoesNotWait() throws Exception {
        SessionLanes<String> lanes = new SessionLanes<>(List.of("bulk"), List.of("query"), java.time.Duration.ofSeconds(30));
        long start = System.nanoTime();
        String s = lanes.take(Lane.BULK);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000L);
        lanes.release(s);
        String q = lanes.take(Lane.QUERY);
        lanes.release(q);
        assertThat(lanes.runningQueries()).isZero();
        String again = lanes.take(Lane.BULK);
        assertThat(again).isEqualTo("bulk");
    }
}
