package dev.jikji.admission;

/** What a request does, in the order work is let in: a user waiting on a search or answer comes before ingest. */
public enum WorkClass {
    /** A search or an answer: someone is waiting for it. */
    INTERACTIVE,
    /** Ingest and delete: clients that can wait (ops scripts, bulk uploads). */
    BULK
}
