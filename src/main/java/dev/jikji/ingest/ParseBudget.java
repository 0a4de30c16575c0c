package dev.jikji.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one document's parse has used so far, checked by the parsers as they go (pages, characters, embedded
 * objects, the deadline). When the watchdog abandons the parse it {@link #cancel() cancels} the budget: the next
 * check throws and the thread is interrupted; if the parse still runs a moment later, {@link #forceClose()} closes
 * the resources registered with {@link #closeOnCancel} (the open PDF) so that blocked reads fail.
 */
public final class ParseBudget {

    private final ParseLimits limits;
    private final String name;
    private final long deadline;
    private final List<Closeable> resources = new ArrayList<>();
    private volatile boolean cancelled;
    private boolean forced;
    private Thread thread;
    private long characters;
    private int pages;
    private int embedded;

    ParseBudget(ParseLimits limits, String name) {
        this.limits = limits;
        this.name = name;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    /** A budget with no pool behind it (tests, one-off use): the deadline still counts from now. */
    public static ParseBudget standalone(ParseLimits limits, String name) {
        return new ParseBudget(limits, name);
    }

    public ParseLimits limits() {
        return limits;
    }

    /** Throws once the deadline passed or the parse was abandoned. */
    public void check() {
        if (cancelled || System.nanoTime() - deadline > 0) throw timeExceeded();
    }

    ParseLimitExceededException timeExceeded() {
        return new ParseLimitExceededException(ParseLimit.TIME, "'" + name + "' took longer than "
                + limits.timeout().toMillis() + " ms to parse");
    }

    public void addPage() {
        check();
        if (++pages > limits.maxPages()) {
            throw new ParseLimitExceededException(ParseLimit.PAGES, "'" + name + "' has more than " + limits.maxPages() + " pages");
        }
    }

    public void addCharacters(long n) {
        characters += n;
        if (characters > limits.maxCharacters()) {
            throw new ParseLimitExceededException(ParseLimit.CHARACTERS, "'" + name + "' holds more than "
                    + limits.maxCharacters() + " characters of text");
        }
    }

    public void addEmbeddedObjects(int n) {
        embedded += n;
        if (embedded > limits.maxEmbeddedObjects()) {
            throw new ParseLimitExceededException(ParseLimit.EMBEDDED_OBJECTS, "'" + name + "' holds more than "
                    + limits.maxEmbeddedObjects() + " images or embedded objects");
        }
    }

    public int pages() {
        return pages;
    }

    /** Closed by {@link #forceClose()} if the parse outlives its cancellation (at once if that already happened). */
    public synchronized void closeOnCancel(Closeable resource) {
        if (forced) closeQuietly(resource);
        else resources.add(resource);
    }

    synchronized void start(Thread t) {
        thread = t;
    }

    synchronized void finish() {
        thread = null;
        resources.clear();
    }

    synchronized void cancel() {
        cancelled = true;
        if (thread != null) thread.interrupt();
    }

    /** Closes the registered resources if the parse is still running; true if it was. */
    synchronized boolean forceClose() {
        if (thread == null) return false;
        forced = true;
        resources.forEach(ParseBudget::closeQuietly);
        resources.clear();
        return true;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // the parse is abandoned: whatever the close says, its thread sees a closed document next
        }
    }
}
