package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One segment of 3,000 clustered vectors under a deliberately poor graph (M=2, beam width 8), so that the
 * HNSW path misses true neighbours and the exact path can be told from it by its results alone.
 */
class VectorQueryTest {

    private static final int N = 3000;
    private static final int DIM = 32;
    private static float[][] vectors;
    private static ByteBuffersDirectory dir;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;
    private static List<float[]> queries;

    @BeforeAll
    static void build() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        float[][] centres = new float[30][];
        for (int c = 0; c < centres.length; c++) centres[c] = unit(gaussian(rng, 1.0));
        vectors = new float[N][];
        for (int i = 0; i < N; i++) {
            float[] v = gaussian(rng, 0.35);
            float[] c = centres[rng.nextInt(centres.length)];
            for (int d = 0; d < DIM; d++) v[d] += c[d];
            vectors[i] = unit(v);
        }
        dir = new ByteBuffersDirectory();
        KnnVectorsFormat poor = new Lucene99HnswVectorsFormat(2, 8);
        IndexWriterConfig iwc = new IndexWriterConfig().setCodec(new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return poor;
            }
        });
        try (IndexWriter w = new IndexWriter(dir, iwc)) {
            for (int i = 0; i < N; i++) {
                Document d = new Document();
                d.add(new KnnFloatVectorField(IndexFields.VECTOR, vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
                d.add(new StoredField("ord", i));
                d.add(new StringField("half", i % 2 == 0 ? "even" : "odd", Field.Store.NO));
                d.add(new StringField("quarter", i % 4 == 0 ? "in" : "out", Field.Store.NO));
                w.addDocument(d);
            }
            w.forceMerge(1);
        }
        reader = DirectoryReader.open(dir);
        searcher = new IndexSearcher(reader);
        queries = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            float[] v = gaussian(rng, 0.35);
            float[] c = centres[rng.nextInt(centres.length)];
            for (int d = 0; d < DIM; d++) v[d] += c[d];
            queries.add(unit(v));
        }
    }

    @AfterAll
    static void close() throws Exception {
        reader.close();
        dir.close();
    }

    @Test
    void segmentsWithinTheExactLimitGiveTheExactTopK() throws Exception {
        assertThat(reader.leaves()).hasSize(1);
        for (float[] q : queries) {
            assertThat(top(VectorQuery.nearest(q, 10, null, N, 10), 10)).isEqualTo(exact(q, 10, null));
        }
    }

    @Test
    void aFilterAcceptingFewVectorsIsScoredExactlyEvenOverTheLimitForTheWholeSegment() throws Exception {
        Query even = new TermQuery(new Term("half", "even"));
        for (float[] q : queries) {
            // the segment holds 3,000 vectors (graph) but the filter leaves 1,500 (exact)
            assertThat(top(VectorQuery.nearest(q, 10, even, N / 2, 10), 10)).isEqualTo(exact(q, 10, i -> i % 2 == 0));
        }
    }

    @Test
    void underASelectiveFilterTheLimitGrowsAsTheFilteredGraphSearchGetsDearer() throws Exception {
        Query quarter = new TermQuery(new Term("quarter", "in"));
        double exactWay = 0;
        double graphWay = 0;
        for (float[] q : queries) {
            List<Integer> truth = exact(q, 10, i -> i % 4 == 0);
            // 750 of 3,000 accepted: 750² ≤ 200 × 3,000, so exact although 750 is over the limit of 200
            List<Integer> wide = top(VectorQuery.nearest(q, 10, quarter, 200, 10), 10);
            assertThat(wide).isEqualTo(truth);
            exactWay += overlap(truth, wide);
            // with a limit of 100 (750² > 100 × 3,000) the poor graph is searched under the filter
            graphWay += overlap(truth, top(VectorQuery.nearest(q, 10, quarter, 100, 10), 10));
        }
        assertThat(graphWay).isLessThan(exactWay);
    }

    @Test
    void theRuleComparesTheAcceptedShareWithTheLimit() {
        VectorQuery q = VectorQuery.nearest(new float[DIM], 10, null, 5000, 400);
        assertThat(q.exactIsCheaper(5000, 100_000)).isTrue();
        assertThat(q.exactIsCheaper(6500, 26_000)).isTrue(); // a quarter of a large segment
        assertThat(q.exactIsCheaper(13_000, 26_000)).isFalse(); // half of it: the graph
        assertThat(q.exactIsCheaper(26_000, 26_000)).isFalse(); // unfiltered
        assertThat(q.exactIsCheaper(30_000, 26_000)).isFalse(); // chunks without vectors counted in the filter
        assertThat(VectorQuery.nearest(new float[DIM], 10, null, 0, 400).exactIsCheaper(10, 26_000)).isFalse();
    }

    @Test
    void aboveTheLimitTheGraphIsSearchedAndMoreGraphCandidatesFindMore() throws Exception {
        double graphOnly = 0;
        double wider = 0;
        for (float[] q : queries) {
            List<Integer> truth = exact(q, 10, null);
            graphOnly += overlap(truth, top(VectorQuery.nearest(q, 10, null, 0, 10), 10));
            wider += overlap(truth, top(VectorQuery.nearest(q, 10, null, N - 1, 200), 10));
        }
        // the poor graph loses neighbours: proof that this path is not the exact one
        assertThat(graphOnly / queries.size()).isLessThan(9.5);
        assertThat(wider).isGreaterThan(graphOnly);
    }

    private static List<Integer> top(Query q, int n) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
            out.add(searcher.storedFields().document(sd.doc).getField("ord").numericValue().intValue());
        }
        return out;
    }

    private static List<Integer> exact(float[] q, int k, java.util.function.IntPredicate accept) {
        Integer[] order = new Integer[N];
        float[] score = new float[N];
        for (int i = 0; i < N; i++) {
            order[i] = i;
            float s = 0;
            for (int d = 0; d < DIM; d++) s += vectors[i][d] * q[d];
            score[i] = s;
        }
        Arrays.sort(order, (a, b) -> Float.compare(score[b], score[a]));
        List<Integer> out = new ArrayList<>();
        for (int i : order) {
            if (accept == null || accept.test(i)) out.add(i);
            if (out.size() == k) break;
        }
        return out;
    }

    private static int overlap(List<Integer> a, List<Integer> b) {
        Set<Integer> s = new HashSet<>(a);
        return (int) b.stream().filter(s::contains).count();
    }

    private static float[] gaussian(SplittableRandom rng, double sigma) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) v[d] = (float) (nextGaussian(rng) * sigma);
        return v;
    }

    private static double nextGaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        float n = (float) Math.sqrt(s);
        for (int d = 0; d < v.length; d++) v[d] /= n;
        return v;
    }
}
