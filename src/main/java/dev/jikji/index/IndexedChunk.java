package dev.jikji.index;

import java.util.List;

/**
 * A chunk as the index stores it, built by ingest: {@code contents} is what BM25 and the embedder see (title and
 * heading path in front of the text), {@code page} is 0 outside paged formats, {@code language} as detected (null
 * when unknown) and {@code vector} null for a chunk in a language the embedder does not declare.
 */
public record IndexedChunk(int ordinal, List<String> headingPath, String text, int start, int end, int page,
        String contents, String language, float[] vector) {

    public IndexedChunk {
        headingPath = List.copyOf(headingPath);
    }
}
