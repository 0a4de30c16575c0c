package dev.jikji.events;

import java.util.Locale;

/**
 * A timed stage of ingest, search and answering; {@link #label()} is the meter's {@code stage} tag and
 * {@link #spanName()} the trace span's name. The answer pipeline runs REWRITE (follow-ups only), RETRIEVE
 * (which includes EMBED), RERANK, GATE, GENERATE (which includes FIRST_TOKEN) and VERIFY, in that order.
 */
public enum Stage {
    EMBED, REWRITE, RETRIEVE, RERANK, GATE, GENERATE, FIRST_TOKEN, VERIFY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String spanName() {
        return "jikji." + label();
    }
}
