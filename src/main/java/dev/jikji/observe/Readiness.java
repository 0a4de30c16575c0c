package dev.jikji.observe;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the server may take traffic: not before every start-up step has run (models loaded, a set-aside
 * index rebuilt by the Reindexer, an empty index seeded by the CorpusSeeder, the search path warmed up by
 * StartupWarmUp — all of them StartupEvent
 * observers of lower priority), not while work that makes answers incomplete holds it ({@link #hold}), and
 * not once shutdown began, so a load balancer stops sending requests while in-flight ones finish.
 */
@ApplicationScoped
public class Readiness {

    public enum Phase { STARTING, READY, STOPPING }

    private volatile Phase phase = Phase.STARTING;
    private final Map<Long, String> holds = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    // after every other start-up observer (Reindexer 1, CorpusSeeder 10, Metrics 20, StartupWarmUp 900)
    void onStart(@Observes @Priority(1000) StartupEvent event) {
        if (phase == Phase.STARTING) phase = Phase.READY;
    }

    // first of the shutdown observers: readiness turns DOWN before anything closes
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        phase = Phase.STOPPING;
    }

    /** Not ready until the returned handle is closed; {@code why} is shown by /q/health/ready. */
    public AutoCloseable hold(String why) {
        long id = ids.incrementAndGet();
        holds.put(id, why);
        return () -> holds.remove(id);
    }

    public boolean ready() {
        return phase == Phase.READY && holds.isEmpty();
    }

    public Phase phase() {
        return phase;
    }

    /** What is keeping the server from being ready, or {@code null} when it is. */
    public String reason() {
        return switch (phase) {
            case STARTING -> "start-up in progress (loading models, rebuilding or seeding the index, warming up)";
            case STOPPING -> "shutting down";
            case READY -> holds.isEmpty() ? null : String.join("; ", holds.values());
        };
    }

    /** For tests of the phases. */
    void phase(Phase p) {
        this.phase = p;
    }
}
