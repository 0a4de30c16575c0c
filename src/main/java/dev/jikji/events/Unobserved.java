package dev.jikji.events;

import java.util.function.Supplier;

/**
 * Work on the current thread whose events nobody should count: the start-up warm-up's searches, which are not
 * anyone's requests and must not show in latency histograms, answer counters or feedback. The server's
 * {@link CdiEventSink} drops what is published inside; every publisher publishes on its caller's thread.
 */
public final class Unobserved {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private Unobserved() {}

    public static <T> T run(Supplier<T> work) {
        boolean outer = ACTIVE.get();
        ACTIVE.set(true);
        try {
            return work.get();
        } finally {
            ACTIVE.set(outer);
        }
    }

    public static boolean active() {
        return ACTIVE.get();
    }
}
