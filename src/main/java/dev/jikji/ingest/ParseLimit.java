package dev.jikji.ingest;

/** The limits a parse can exceed, each with the configuration key that sets it. */
public enum ParseLimit {
    TIME("jikji.parsing.timeout"),
    PAGES("jikji.parsing.max-pages"),
    CHARACTERS("jikji.parsing.max-characters"),
    EMBEDDED_OBJECTS("jikji.parsing.max-embedded-objects"),
    TEMP_STORAGE("jikji.parsing.max-temp-storage"),
    /** Objects nested so deep that the parser's recursion overflowed its stack; not configurable. */
    NESTING("nesting depth");

    private final String key;

    ParseLimit(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
