package dev.jikji.index;

import java.util.List;

/** A chunk as read back from the index; {@code page} is null outside paged formats. */
public record StoredChunk(
        String documentId,
        String chunkId,
        String title,
        String source,
        List<String> headingPath,
        String text,
        int start,
        int end,
        Integer page) {}
