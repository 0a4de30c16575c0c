package dev.jikji.search;

import dev.jikji.config.JikjiConfig;
import dev.jikji.rerank.OnnxCrossEncoder;
import dev.jikji.rerank.Rerankers;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    private final int candidates;

    @Inject
    dev.jikji.events.EventSink events = dev.jikji.events.EventSink.NONE;

    @Inject
    dev.jikji.tracing.Tracing tracing = dev.jikji.tracing.Tracing.NOOP;

    @Inject
    public RerankedSearch(HybridSearcher searcher, Rerankers rerankers, JikjiConfig config) {
        this.searcher = searcher;
        this.rerankers = rerankers;
        this.candidates = config.rerank().candidates();
    }

    /** Fused, reranked by the configured reranker, top {@code query.topK()}. */
    public SearchResult search(SearchQuery query) {
        return search(query, rerankers.model(), rerankers.name());
    }

    /** With a given reranker ({@code null}: fusion order), named {@code name} in {@code retrieval.reranker}. */
    public SearchResult search(SearchQuery query, ScoringModel reranker, String name) {
        SearchResult result = rerank(query, reranker, name);
        SearchResult.Timings t = result.timings();
        events.publish(new dev.jikji.events.StageTimed(dev.jikji.events.Stage.EMBED, ms(t.embedMs())));
        events.publish(new dev.jikji.events.StageTimed(dev.jikji.events.Stage.RETRIEVE, ms(t.retrieveMs())));
        if (!"none".equals(result.retrieval().reranker())) {
            events.publish(new dev.jikji.events.StageTimed(dev.jikji.events.Stage.RERANK, ms(t.rerankMs())));
        }
        return result;
    }

    private SearchResult rerank(SearchQuery query, ScoringModel reranker, String name) {
        if (reranker == null) return retrieve(query);
        int n = Math.max(candidates, query.topK());
        SearchResult fused = retrieve(new SearchQuery(query.query(), n, query.filter()));
        List<SearchHit> pool = fused.hits();
        long t0 = System.nanoTime();
        List<Double> scores;
        try {
            scores = pool.isEmpty() ? List.of() : tracing.span("jikji.rerank", span -> span.setAttribute("jikji.reranker", name)
                    .setAttribute("jikji.candidates", pool.size()), () -> reranker.scoreAll(segments(pool), query.query()).content());
        } catch (OnnxCrossEncoder.QueryTooLongException e) {
            LOG.debugf("Not reranked: %s", e.getMessage());
            List<SearchHit> top = pool.subList(0, Math.min(query.topK(), pool.size()));
            return new SearchResult(List.copyOf(top), fused.retrieval().withReranker("none"), fused.timings());
        }
        Integer[] order = new Integer[pool.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // stable: equal scores keep fusion order
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores.get(i)).reversed());
        List<SearchHit> hits = new ArrayList<>();
        for (int r = 0; r < Math.min(query.topK(), order.length); r++) {
            hits.add(pool.get(order[r]).reranked(r + 1, scores.get(order[r])));
        }
        long rerankMs = Math.round((System.nanoTime() - t0) / 1e6);
        SearchResult.Timings t = fused.timings();
        return new SearchResult(hits, fused.retrieval().withReranker(name),
                new SearchResult.Timings(t.embedMs(), t.retrieveMs(), rerankMs, t.totalMs() + rerankMs));
    }

    /** Embeds the query and runs the BM25 and kNN legs, fused: one span, the embedding time as an attribute. */
    private SearchResult retrieve(SearchQuery query) {
        return tracing.span("jikji.retrieve", span -> span.setAttribute("jikji.candidates_wanted", query.topK()), () -> {
            SearchResult r = searcher.search(query);
            dev.jikji.tracing.Tracing.current().setAttribute("jikji.embed_ms", r.timings().embedMs())
                    .setAttribute("jikji.language", r.retrieval().language()).setAttribute("jikji.hits", r.hits().size());
            return r;
        });
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

    private static long ms(long millis) {
        return java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
