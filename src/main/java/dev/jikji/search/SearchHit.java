package dev.jikji.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One fused hit; {@code score} is the weighted reciprocal-rank score; {@code page} only for paged formats. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        int rank,
        String documentId,
        String chunkId,
        String title,
        String source,
        List<String> headingPath,
        String text,
        Integer page,
        double score) {}
