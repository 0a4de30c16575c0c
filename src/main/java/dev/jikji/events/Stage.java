package dev.jikji.events;

import java.util.Locale;

/**
 * A timed stage of ingest, search and answering; {@link #label()} is the meter's {@code stage} tag and
 * {@link #spanName()} the trace span's name. The answer pipeline runs REWRITE (follow-ups only), RETRIEVE
 * (which includes EMBED), RERANK, GATE, GENERATE (which includes FIRST_TOKEN) and VERIFY, in that order.
 * ADMISSION is the time a search or answer waited for a work slot before RETRIEVE (queueing, not work).
 */
public enum Stage {
    EMBED, REWRITE, ADMISSION, RETRIEVE, RERANK, GATE, GENERATE, FIRST_TOKEN, VERIFY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String spanName() {
        return "jikji." + label();
    }
}
