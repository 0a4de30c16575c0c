package dev.jikji.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One hit. {@code score} is the weighted reciprocal-rank fusion score of the hybrid legs;
 * {@code rerankScore} the reranker's score when a reranker ordered the hits (null in fusion order);
 * {@code page} only for paged formats.
 */
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
        double score,
        Double rerankScore) {

    /** The same hit at another rank with a reranker's score. */
    public SearchHit reranked(int newRank, double newRerankScore) {
        return new SearchHit(newRank, documentId, chunkId, title, source, headingPath, text, page, score, newRerankScore);
    }
}
