package dev.jikji.search;

import java.util.List;

/** One fused hit; {@code score} is the weighted reciprocal-rank score. */
public record SearchHit(
        int rank,
        String documentId,
        String chunkId,
        String title,
        String source,
        List<String> headingPath,
        String text,
        double score) {}
