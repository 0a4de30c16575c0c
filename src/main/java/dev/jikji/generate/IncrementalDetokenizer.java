package dev.jikji.generate;

import java.util.function.Function;

/**
 * Turns a growing list of token ids into text pieces to stream. Byte-level BPE tokens can be parts of one UTF-8
 * character (Korean syllables take three bytes and are often split), and decoding such a prefix gives U+FFFD; so
 * the whole list is decoded each time and only the new suffix is released, and nothing while the text ends in
 * U+FFFD. Concatenating every piece and {@link #flush()} gives the decoding of all ids.
 */
final class IncrementalDetokenizer {

    private final Function<long[], String> decoder;
    private long[] ids = new long[64];
    private int count;
    private String emitted = "";

    IncrementalDetokenizer(Function<long[], String> decoder) {
        this.decoder = decoder;
    }

    /** Adds a token; returns the text it completes (possibly empty). */
    String push(long id) {
        if (count == ids.length) ids = java.util.Arrays.copyOf(ids, count * 2);
        ids[count++] = id;
        String text = decoder.apply(java.util.Arrays.copyOf(ids, count));
        if (text.endsWith("\uFFFD")) return "";
        return release(text);
    }

    /** Whatever is still held back, replacement characters and all: the generation is over. */
    String flush() {
        return count == 0 ? "" : release(decoder.apply(java.util.Arrays.copyOf(ids, count)));
    }

    /** All text released so far. */
    String text() {
        return emitted;
    }

    private String release(String text) {
        // A decoder may rewrite earlier text (e.g. a leading space dropped once more follows); what was released
        // stays released, and only text beyond it goes out.
        if (text.length() <= emitted.length()) return "";
        String piece = text.substring(emitted.length());
        emitted = emitted + piece;
        return piece;
    }
}
