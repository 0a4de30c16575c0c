package dev.jikji.search;

import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.LegQuery;
import dev.jikji.language.Language;
import dev.jikji.index.Legs;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.StoredChunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Hybrid retrieval: a BM25 leg over the analysed text (title and headings boosted) and a kNN leg over
 * the chunk vectors, fused by weighted reciprocal rank fusion. The vector leg's weight depends on
 * whether the embedder declares the query's language: an English-only model makes near-random vectors
 * for Korean, and fusing those would push good keyword hits down.
 */
@ApplicationScoped
public class HybridSearcher {

    /**
     * Which legs to run. The API always runs {@code HYBRID}; the evaluation also measures each leg alone
     * and {@code RRF_EQUAL}, plain fusion with both legs at weight 1 whatever the language.
     */
    public enum Mode { HYBRID, BM25, VECTOR, RRF_EQUAL }

    private final SearchIndex index;
    private final EmbeddingModels embeddings;
    private final JikjiConfig.Search config;

    @Inject
    public HybridSearcher(SearchIndex index, EmbeddingModels embeddings, JikjiConfig config) {
        this.index = index;
        this.embeddings = embeddings;
        this.config = config.search();
    }

    public SearchResult search(SearchQuery query) {
        return search(query, Mode.HYBRID);
    }

    public SearchResult search(SearchQuery query, Mode mode) {
        long t0 = System.nanoTime();
        Language language = QueryLanguage.detect(query.query());
        int n = Math.max(config.candidates(), query.topK());
        double vectorWeight = switch (mode) {
            case BM25 -> 0;
            case VECTOR, RRF_EQUAL -> 1;
            case HYBRID -> vectorWeight(language);
        };
        double bm25Weight = mode == Mode.VECTOR ? 0 : 1;
        float[] vector = null;
        if (vectorWeight > 0) {
            vector = embeddings.queryModel().embed(query.query()).content().vector();
        }
        long t1 = System.nanoTime();
        float[] queryVector = vector;
        // Korean only: on English (XQuAD, one chunk per passage) both legs only repeat the BM25 leg and
        // outweigh the vector leg; measured 0.963 against 0.970 recall@1 (README "Retrieval quality")
        boolean korean = mode == Mode.HYBRID && language == Language.KOREAN;
        double documentWeight = korean ? config.documentWeight() : 0;
        double bigramWeight = korean ? config.bigramWeight() : 0;
        EnumSet<LegQuery.Leg> run = EnumSet.noneOf(LegQuery.Leg.class);
        if (bm25Weight > 0) run.add(LegQuery.Leg.BM25);
        if (queryVector != null) run.add(LegQuery.Leg.VECTOR);
        if (bigramWeight > 0) run.add(LegQuery.Leg.BIGRAM);
        if (documentWeight > 0) run.add(LegQuery.Leg.DOCUMENT);
        Legs legs = index.retrieve(new LegQuery(query.query(), queryVector, n, query.filter().toIndex(), run, legSettings(korean)));
        List<ReciprocalRankFusion.Ranked<StoredChunk>> fused = ReciprocalRankFusion.fuse(
                List.of(legs.bm25(), legs.knn(), legs.bigrams()),
                List.of(bm25Weight, vectorWeight, bigramWeight), config.rrfK(), StoredChunk::chunkId);
        if (!legs.documents().isEmpty()) {
            fused = ReciprocalRankFusion.boostByGroup(fused, legs.documents(), documentWeight, config.rrfK(),
                    StoredChunk::documentId);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < Math.min(query.topK(), fused.size()); i++) {
            StoredChunk c = fused.get(i).item();
            hits.add(new SearchHit(i + 1, c.documentId(), c.chunkId(), c.title(), c.source(), c.headingPath(), c.text(),
                    c.page(), fused.get(i).score(), null));
        }
        long t2 = System.nanoTime();
        List<SearchResult.Leg> legInfo = List.of(
                new SearchResult.Leg("bm25", bm25Weight, bm25Weight > 0, legs.bm25().size(), null),
                new SearchResult.Leg("vector", vectorWeight, vectorWeight > 0, legs.knn().size(),
                        vectorNote(mode, language, vectorWeight)),
                new SearchResult.Leg("document", documentWeight, documentWeight > 0, legs.documents().size(), null),
                new SearchResult.Leg("bigram", bigramWeight, bigramWeight > 0, legs.bigrams().size(), null));
        return new SearchResult(hits,
                new SearchResult.Retrieval(mode.name().toLowerCase(Locale.ROOT), embeddings.spec().name(),
                        language, legInfo, config.rrfK(), "none"),
                new SearchResult.Timings(ms(t1 - t0), ms(t2 - t1), 0, ms(t2 - t0)));
    }

    /** The legs' query tuning from {@code jikji.search.*} (README "Benchmark" measures the vector leg's recall). */
    public LegQuery.Settings legSettings() {
        return legSettings(false);
    }

    /** Proximity clauses for Korean queries only: on XQuAD's English they were not measured to help (README). */
    LegQuery.Settings legSettings(boolean korean) {
        return new LegQuery.Settings(config.titleBoost(), config.headingBoost(), config.vectorExactLimit(),
                config.vectorGraphCandidates(), korean ? (float) config.proximityBoost() : 0, config.proximitySlop());
    }

    double vectorWeight(Language language) {
        if (language == Language.UNDETERMINED || embeddings.spec().covers(language)) return config.vectorWeight();
        return config.uncoveredLanguageVectorWeight();
    }

    private String vectorNote(Mode mode, Language language, double weight) {
        if (mode != Mode.HYBRID || language == Language.UNDETERMINED || embeddings.spec().covers(language)) return null;
        return "embedding model declares " + embeddings.spec().languages() + ", not '" + language.code() + "'"
                + (weight > 0 ? "; leg down-weighted" : "; leg skipped");
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
