package dev.jikji.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jikji.language.Language;
import java.util.List;

/** Hits plus how they were found: legs run, their weights, the reranker, and where the time went. */
public record SearchResult(List<SearchHit> hits, Retrieval retrieval, Timings timings) {

    /**
     * @param language the query's detected language
     * @param legs     every leg considered, including skipped ones, with the reason
     * @param reranker what ordered the hits: a cross-encoder's name, {@code builtin}, or {@code none} (fusion order)
     */
    public record Retrieval(String mode, String embeddingModel, Language language, List<Leg> legs, int rrfK,
            String reranker) {

        public Retrieval withReranker(String name) {
            return new Retrieval(mode, embeddingModel, language, legs, rrfK, name);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Leg(String name, double weight, boolean ran, int candidates, String note) {}

    public record Timings(long embedMs, long retrieveMs, long rerankMs, long totalMs) {}
}
