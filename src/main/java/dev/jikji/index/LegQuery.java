package dev.jikji.index;

import java.util.Set;

/**
 * One retrieval's legs, each returning at most {@code candidates} under the same {@code filter}: BM25 over chunk
 * contents (title and headings boosted), kNN over chunk vectors ({@code vector} null: not run), BM25 over CJK
 * bigrams, and BM25 over whole documents (document ids).
 */
public record LegQuery(String text, float[] vector, int candidates, IndexFilter filter, Set<Leg> legs,
        Settings settings) {

    public enum Leg { BM25, VECTOR, BIGRAM, DOCUMENT }

    /** The tuning that shapes the legs' queries ({@code jikji.search.*}). */
    /**
     * @param proximityBoost weight of the sloppy phrases over neighbouring query terms in the BM25 and document legs
     *     (0: none; the searcher sets it for Korean queries only); both backends
     * @param proximitySlop their slop, in analysed positions
     */
    public record Settings(float titleBoost, float headingBoost, int vectorExactLimit, int vectorGraphCandidates,
            float proximityBoost, int proximitySlop) {}

    public LegQuery {
        legs = Set.copyOf(legs);
    }

    public boolean runs(Leg leg) {
        return legs.contains(leg) && (leg != Leg.VECTOR || vector != null);
    }
}
