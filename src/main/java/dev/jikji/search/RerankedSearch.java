package dev.jikji.search;

import dev.jikji.admission.WorkAdmission;
import dev.jikji.admission.WorkClass;
import dev.jikji.config.JikjiConfig;
import dev.jikji.rerank.OnnxCrossEncoder;
import dev.jikji.rerank.Rerankers;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.jikji.events.Stage;
import dev.jikji.stage.StageTimer;
import dev.jikji.stage.Timed;
import dev.jikji.tracing.Tracing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The search the API and the answering pipeline use: the hybrid legs fused ({@link HybridSearcher}),
 * the best {@code jikji.rerank.candidates} of them rescored by the configured reranker, the top K
 * returned. Each hit keeps its fusion {@code score} and gains {@code rerankScore}; with no reranker
 * the fusion order is returned unchanged and {@code rerankScore} is null.
 */
@ApplicationScoped
public class RerankedSearch {

    private static final Logger LOG = Logger.getLogger(RerankedSearch.class);

    private final HybridSearcher searcher;
    private final Rerankers rerankers;
    private final StageTimer timer;
    private final int candidates;

    /** {@code NONE} outside the server (benchmarks build this service by hand). */
    @Inject
    WorkAdmission admission = WorkAdmission.NONE;

    @Inject
    public RerankedSearch(HybridSearcher searcher, Rerankers rerankers, StageTimer timer, JikjiConfig config) {
        this.searcher = searcher;
        this.rerankers = rerankers;
        this.timer = timer;
        this.candidates = config.rerank().candidates();
    }

    /** Fused, reranked by the configured reranker, top {@code query.topK()}. */
    public SearchResult search(SearchQuery query) {
        return search(query, rerankers.model(), rerankers.name());
    }

    /** With a given reranker ({@code null}: fusion order), named {@code name} in {@code retrieval.reranker}. */
    public SearchResult search(SearchQuery query, ScoringModel reranker, String name) {
        // one admission for both steps: a search let in once is not queued again behind later ones for its rerank
        long asked = System.nanoTime();
        return admission.run(WorkClass.INTERACTIVE, () -> {
            timer.record(Stage.ADMISSION, System.nanoTime() - asked);
            return rerankAdmitted(query, retrieveAdmitted(candidatesFor(query, reranker)), reranker, name);
        });
    }

    private SearchQuery candidatesFor(SearchQuery query, ScoringModel reranker) {
        return reranker == null ? query : new SearchQuery(query.query(), Math.max(candidates, query.topK()), query.filter());
    }

    /** Step "retrieve": embeds the query and runs the legs, fused (the embedding is timed inside it, as EMBED). */
    private Timed<SearchResult> retrieveAdmitted(SearchQuery query) {
        Timed<SearchResult> fused = timer.time(Stage.RETRIEVE, span -> span.setAttribute("jikji.candidates_wanted", query.topK()), () -> {
            SearchResult r = searcher.search(query);
            Tracing.current().setAttribute("jikji.embed_ms", r.timings().embedMs())
                    .setAttribute("jikji.language", r.retrieval().language().code()).setAttribute("jikji.hits", r.hits().size());
            return r;
        });
        timer.record(Stage.EMBED, TimeUnit.MILLISECONDS.toNanos(fused.value().timings().embedMs()));
        return fused;
    }

    /**
     * Step "rerank": the fused candidates rescored, top {@code query.topK()}; the result's timings are the two
     * steps' ({@code retrieveMs} includes {@code embedMs}).
     */
    private SearchResult rerankAdmitted(SearchQuery query, Timed<SearchResult> fused, ScoringModel reranker, String name) {
        List<SearchHit> pool = fused.value().hits();
        SearchResult.Retrieval retrieval = fused.value().retrieval();
        if (reranker == null) return result(pool.subList(0, Math.min(query.topK(), pool.size())), retrieval, fused, 0);
        Timed<List<Double>> scores;
        try {
            scores = timer.time(Stage.RERANK, span -> span.setAttribute("jikji.reranker", name).setAttribute("jikji.candidates", pool.size()),
                    () -> pool.isEmpty() ? List.of() : reranker.scoreAll(segments(pool), query.query()).content());
        } catch (OnnxCrossEncoder.QueryTooLongException e) {
            LOG.debugf("Not reranked: %s", e.getMessage());
            return result(pool.subList(0, Math.min(query.topK(), pool.size())), retrieval.withReranker("none"), fused, 0);
        }
        List<Double> s = scores.value();
        Integer[] order = new Integer[pool.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // stable: equal scores keep fusion order
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> s.get(i)).reversed());
        List<SearchHit> hits = new ArrayList<>();
        for (int r = 0; r < Math.min(query.topK(), order.length); r++) {
            hits.add(pool.get(order[r]).reranked(r + 1, s.get(order[r])));
        }
        return result(hits, retrieval.withReranker(name), fused, scores.millis());
    }

    private static SearchResult result(List<SearchHit> hits, SearchResult.Retrieval retrieval, Timed<SearchResult> fused, long rerankMs) {
        long embedMs = fused.value().timings().embedMs();
        return new SearchResult(List.copyOf(hits), retrieval,
                new SearchResult.Timings(embedMs, fused.millis(), rerankMs, fused.millis() + rerankMs));
    }

    /** The segments a {@link ScoringModel} sees: text plus title, heading path and fused rank. */
    static List<TextSegment> segments(List<SearchHit> hits) {
        List<TextSegment> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            Metadata m = new Metadata()
                    .put("documentId", h.documentId())
                    .put("chunkId", h.chunkId())
                    .put("title", h.title() == null ? "" : h.title())
                    .put("headingPath", String.join(" > ", h.headingPath()))
                    .put("fusedRank", h.rank());
            // TextSegment refuses blank text; an empty chunk is not expected but must not fail the search
            out.add(TextSegment.from(h.text() == null || h.text().isBlank() ? "(empty)" : h.text(), m));
        }
        return out;
    }

    public Rerankers rerankers() {
        return rerankers;
    }
}
