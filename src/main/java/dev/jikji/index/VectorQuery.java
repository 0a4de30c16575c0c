package dev.jikji.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;

/**
 * Nearest chunk vectors, exact where exact is cheap and HNSW where the graph pays: a segment (or, under a
 * filter, the part of it the filter accepts) of at most {@code exactLimit} vectors is scored exhaustively,
 * a larger one searched through its graph for {@code graphK} candidates (at least the k asked for), of which
 * the caller keeps its top k. Lucene itself scores exactly only when a filter accepts fewer than k vectors or
 * the graph search gives up, so on small and mid-sized indexes its HNSW answer missed a third of the true
 * top 10 (recall@10 0.61 to 0.74 on real e5 vectors) where scoring every vector costs under a millisecond
 * more; the limits here come from {@code bin/bench} (README "Benchmark").
 */
public final class VectorQuery extends KnnFloatVectorQuery {

    private final int exactLimit;

    private VectorQuery(String field, float[] target, int k, Query filter, int exactLimit) {
        super(field, target, k, filter);
        this.exactLimit = exactLimit;
    }

    /**
     * The query for the {@code k} nearest chunks to {@code target} among those {@code filter} accepts (null: all);
     * run it with {@code searcher.search(query, k)} so that graph candidates beyond k are cut.
     *
     * @param exactLimit segments or filtered sets of at most this many vectors are scored exactly (0: never)
     * @param graphK candidates taken from each larger segment's graph
     */
    public static VectorQuery nearest(float[] target, int k, Query filter, int exactLimit, int graphK) {
        return new VectorQuery(IndexFields.VECTOR, target, Math.max(k, graphK), filter, exactLimit);
    }

    @Override
    protected TopDocs approximateSearch(LeafReaderContext context, AcceptDocs acceptDocs, int visitedLimit,
            KnnCollectorManager knnCollectorManager) throws IOException {
        if (exactIsCheaper(acceptDocs.cost(), vectorCount(context))) {
            return exactSearch(context, acceptDocs.iterator(), null);
        }
        return super.approximateSearch(context, acceptDocs, visitedLimit, knnCollectorManager);
    }

    /**
     * Exact scoring costs what the filter accepts; a filtered graph search costs about the unfiltered one divided by
     * the share accepted, as it steps over the nodes the filter refuses. So the limit for an unfiltered segment
     * ({@code accepted <= exactLimit}) becomes, under a filter accepting {@code accepted} of {@code vectors},
     * {@code accepted <= exactLimit * vectors / accepted}: on 100,000 real vectors a filter taking every 4th document
     * took the graph 11.8 ms a query and exact scoring 5.4 ms, both at recall@10 1.000 (README "Benchmark").
     */
    boolean exactIsCheaper(long accepted, long vectors) {
        if (accepted <= exactLimit) return true;
        return accepted < vectors && accepted * accepted <= (long) exactLimit * vectors;
    }

    private int vectorCount(LeafReaderContext context) throws IOException {
        var values = context.reader().getFloatVectorValues(getField());
        return values == null ? 0 : values.size();
    }

    public int exactLimit() {
        return exactLimit;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((VectorQuery) o).exactLimit == exactLimit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), exactLimit);
    }

    @Override
    public String toString(String field) {
        return "VectorQuery[" + getField() + ", k=" + getK() + ", exact up to " + exactLimit + ", target="
                + Arrays.toString(Arrays.copyOf(target, Math.min(3, target.length))) + "…]";
    }
}
