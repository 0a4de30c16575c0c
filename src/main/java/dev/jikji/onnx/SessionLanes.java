package dev.jikji.onnx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of ONNX sessions handed out to two lanes, so that a search's query embedding never waits
 * behind a bulk ingest. With sessions reserved for queries, {@link Lane#QUERY} uses those and
 * {@link Lane#BULK} the others: the lanes never wait for each other (a query lane that could also take the
 * shared sessions starved ingest under a heavy search load: ingest p99 25 s under {@code bin/load}). With no
 * reserved session both share them and a query is served first whenever one comes free; callers take a
 * session per batch and give it back after it, so a query then waits for at most the batch running on a
 * session, never for the rest of the bulk. A bulk batch also waits, for at most {@code bulkYield}, while a query is
 * being embedded: on CPU the two would otherwise share the cores and the query would take about twice as long.
 *
 * @param <S> the session type (an {@code OrtSession} in the service; anything in tests)
 */
public final class SessionLanes<S> {

    /** Who asks: a search or answer waiting on a user ({@code QUERY}), or ingest ({@code BULK}). */
    public enum Lane { QUERY, BULK }

    private final Deque<S> freeShared = new ArrayDeque<>();
    private final Deque<S> freeReserved = new ArrayDeque<>();
    private final Map<S, Boolean> reserved = new IdentityHashMap<>();
    private final List<S> all = new ArrayList<>();
    private final Map<S, Boolean> heldByQuery = new IdentityHashMap<>();
    private final boolean hasReserved;
    private final long bulkYieldNanos;
    private int waitingQueries;

    /**
     * @param shared sessions both lanes use (at least one)
     * @param queryOnly sessions only queries use (may be empty)
     */
    public SessionLanes(List<S> shared, List<S> queryOnly) {
        this(shared, queryOnly, Duration.ZERO);
    }

    /**
     * @param shared sessions both lanes use (at least one)
     * @param queryOnly sessions only queries use (may be empty)
     * @param bulkYield how long a bulk batch waits for the queries in flight before it starts anyway
     */
    public SessionLanes(List<S> shared, List<S> queryOnly, Duration bulkYield) {
        this.bulkYieldNanos = Math.max(0, bulkYield.toNanos());
        if (shared.isEmpty()) throw new IllegalArgumentException("at least one shared session is needed");
        for (S s : shared) {
            freeShared.add(s);
            reserved.put(s, false);
            all.add(s);
        }
        this.hasReserved = !queryOnly.isEmpty();
        for (S s : queryOnly) {
            freeReserved.add(s);
            reserved.put(s, true);
            all.add(s);
        }
    }

    /** Every session, shared ones first (for closing and for reading a model's signature). */
    public List<S> all() {
        return List.copyOf(all);
    }

    /** Blocks until a session is free for {@code lane}; give it back with {@link #release}. */
    public synchronized S take(Lane lane) throws InterruptedException {
        if (lane == Lane.QUERY) {
            waitingQueries++;
            try {
                S session;
                if (hasReserved) {
                    while (freeReserved.isEmpty()) wait();
                    session = freeReserved.pop();
                } else {
                    while (freeShared.isEmpty()) wait();
                    session = freeShared.pop();
                }
                heldByQuery.put(session, true);
                return session;
            } finally {
                waitingQueries--;
                // a bulk caller held back by this query may go now if a session is left
                notifyAll();
            }
        }
        long deadline = System.nanoTime() + bulkYieldNanos;
        while (true) {
            // bulk yields to any waiting query: a freed shared session goes to the query first
            boolean free = !freeShared.isEmpty() && (hasReserved || waitingQueries == 0);
            long left = deadline - System.nanoTime();
            boolean queriesInFlight = waitingQueries + heldByQuery.size() > 0;
            if (free && (!queriesInFlight || left <= 0)) break;
            if (!free) {
                wait();
            } else {
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return freeShared.pop();
    }

    public synchronized void release(S session) {
        Boolean isReserved = reserved.get(session);
        if (isReserved == null) throw new IllegalArgumentException("not a session of this pool");
        heldByQuery.remove(session);
        (isReserved ? freeReserved : freeShared).push(session);
        notifyAll();
    }

    /** Queries holding a session right now (for tests and diagnostics). */
    public synchronized int runningQueries() {
        return heldByQuery.size();
    }

    /** Queries waiting for a session right now (for tests and diagnostics). */
    public synchronized int waitingQueries() {
        return waitingQueries;
    }
}
