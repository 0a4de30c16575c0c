package dev.jikji.events;

import java.util.Locale;

/** A timed stage of ingest, search and answering; {@link #label()} is the meter's {@code stage} tag. */
public enum Stage {
    EMBED, RETRIEVE, RERANK, GENERATE, FIRST_TOKEN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
