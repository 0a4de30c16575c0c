package dev.jikji.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    private static List<ReciprocalRankFusion.Ranked<String>> fuse(List<List<String>> legs, List<Double> weights, int k) {
        return ReciprocalRankFusion.fuse(legs, weights, k, Function.identity());
    }

    private static List<String> items(List<ReciprocalRankFusion.Ranked<String>> ranked) {
        return ranked.stream().map(ReciprocalRankFusion.Ranked::item).toList();
    }

    @Test
    void scoreIsTheWeightedSumOfReciprocalRanks() {
        List<ReciprocalRankFusion.Ranked<String>> fused = fuse(
                List.of(List.of("a", "b", "c"), List.of("c", "a")), List.of(1.0, 0.5), 60);
        // a: 1/(60+1) + 0.5/(60+2); b: 1/(60+2); c: 1/(60+3) + 0.5/(60+1)
        double a = 1.0 / 61 + 0.5 / 62;
        double b = 1.0 / 62;
        double c = 1.0 / 63 + 0.5 / 61;
        assertThat(items(fused)).containsExactly("a", "c", "b");
        assertThat(fused.get(0).score()).isCloseTo(a, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(c, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(b, within(1e-12));
    }

    @Test
    void aDocumentRankedFirstLiftsItsBestChunkAboveAnotherDocumentsChunk() {
        // chunks "d1#0" and "d2#0", "d2#1" are fused first; the document leg ranks d2 above d1
        List<ReciprocalRankFusion.Ranked<String>> chunks = fuse(List.of(List.of("d1#0", "d2#1", "d2#0")), List.of(1.0), 60);
        List<ReciprocalRankFusion.Ranked<String>> boosted = ReciprocalRankFusion.boostByGroup(chunks, List.of("d2", "d1"),
                1.0, 60, c -> c.substring(0, 2));
        // weight 1: d2#1 (1/62 + 1/61) ties d1#0 (1/61 + 1/62), and a tie keeps fusion order
        assertThat(boosted.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
        assertThat(items(boosted)).containsExactly("d1#0", "d2#1", "d2#0");
        // with the document leg weighted 2, d2's best chunk comes first and stays ahead of d2's other chunk
        List<ReciprocalRankFusion.Ranked<String>> heavier = ReciprocalRankFusion.boostByGroup(chunks, List.of("d2", "d1"),
                2.0, 60, c -> c.substring(0, 2));
        assertThat(items(heavier)).containsExactly("d2#1", "d2#0", "d1#0");
        // a document the document leg did not return gains nothing
        List<ReciprocalRankFusion.Ranked<String>> none = ReciprocalRankFusion.boostByGroup(chunks, List.of("d9"), 1.0, 60,
                c -> c.substring(0, 2));
        assertThat(none).isEqualTo(chunks);
    }

    @Test
    void smallKRewardsTopRanksMore() {
        // x is first in one leg only, y is second in both
        List<List<String>> legs = List.of(List.of("x", "y"), List.of("z", "y"));
        assertThat(items(fuse(legs, List.of(1.0, 1.0), 60)).getFirst()).isEqualTo("y");
        // with k = 0: x = 1/1 = 1.0, y = 1/2 + 1/2 = 1.0 -> a tie, x was seen first
        List<ReciprocalRankFusion.Ranked<String>> k0 = fuse(legs, List.of(1.0, 1.0), 0);
        assertThat(k0.get(0).score()).isEqualTo(1.0);
        assertThat(items(k0)).startsWith("x", "y");
    }

    @Test
    void legWithWeightZeroIsIgnored() {
        List<ReciprocalRankFusion.Ranked<String>> fused = fuse(
                List.of(List.of("a", "b"), List.of("z", "b", "y")), List.of(1.0, 0.0), 60);
        assertThat(items(fused)).containsExactly("a", "b");
        assertThat(fused.get(1).score()).isEqualTo(1.0 / 62);
    }

    @Test
    void itemsInOnlyOneLegAreKept() {
        List<ReciprocalRankFusion.Ranked<String>> fused = fuse(
                List.of(List.of("a"), List.of("b", "c")), List.of(1.0, 1.0), 60);
        assertThat(items(fused)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(fused).allSatisfy(r -> assertThat(r.score()).isPositive());
        assertThat(fuse(List.of(List.of(), List.of("b")), List.of(1.0, 1.0), 60)).extracting(ReciprocalRankFusion.Ranked::item)
                .containsExactly("b");
    }

    @Test
    void tiesKeepTheOrderInWhichItemsWereFirstSeen() {
        // equal weights and mirrored ranks: equal scores, the first leg's first item wins
        assertThat(items(fuse(List.of(List.of("a", "b"), List.of("b", "a")), List.of(1.0, 1.0), 60)))
                .containsExactly("a", "b");
        assertThat(items(fuse(List.of(List.of("b", "a"), List.of("a", "b")), List.of(1.0, 1.0), 60)))
                .containsExactly("b", "a");
        // each at rank 1 of its own leg
        assertThat(items(fuse(List.of(List.of("p"), List.of("q")), List.of(1.0, 1.0), 60))).containsExactly("p", "q");
        assertThat(items(fuse(List.of(List.of("q"), List.of("p")), List.of(1.0, 1.0), 60))).containsExactly("q", "p");
    }

    @Test
    void itemsAreMergedByKeyAndTheFirstSeenInstanceIsKept() {
        record Hit(String id, String from) {}
        List<ReciprocalRankFusion.Ranked<Hit>> fused = ReciprocalRankFusion.fuse(
                List.of(List.of(new Hit("1", "bm25")), List.of(new Hit("1", "knn"), new Hit("2", "knn"))),
                List.of(1.0, 1.0), 60, Hit::id);
        assertThat(fused).hasSize(2);
        assertThat(fused.getFirst().item()).isEqualTo(new Hit("1", "bm25"));
        assertThat(fused.getFirst().score()).isCloseTo(2.0 / 61, within(1e-12));
    }

    @Test
    void oneWeightPerLeg() {
        assertThatThrownBy(() -> fuse(List.of(List.of("a")), List.of(1.0, 1.0), 60))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertyWithOneLegAtWeightZeroTheFusedOrderIsTheOtherLegsOrder() {
        Random random = new Random(20260322);
        for (int trial = 0; trial < 2_000; trial++) {
            List<String> live = randomLeg(random);
            List<String> dead = randomLeg(random);
            double weight = 0.01 + random.nextDouble() * 5;
            int k = random.nextInt(200);
            boolean deadFirst = random.nextBoolean();
            List<List<String>> legs = deadFirst ? List.of(dead, live) : List.of(live, dead);
            List<Double> weights = deadFirst ? List.of(0.0, weight) : List.of(weight, 0.0);
            List<ReciprocalRankFusion.Ranked<String>> fused = fuse(legs, weights, k);
            assertThat(items(fused)).as("trial %d: live %s dead %s k %d", trial, live, dead, k).isEqualTo(live);
            for (int r = 0; r < fused.size(); r++) {
                assertThat(fused.get(r).score()).isCloseTo(weight / (k + r + 1), within(1e-12));
            }
        }
    }

    @Test
    void propertyFusedScoresAreSortedAndCoverTheUnion() {
        Random random = new Random(7);
        for (int trial = 0; trial < 1_000; trial++) {
            List<String> a = randomLeg(random);
            List<String> b = randomLeg(random);
            List<ReciprocalRankFusion.Ranked<String>> fused = fuse(List.of(a, b),
                    List.of(0.1 + random.nextDouble(), 0.1 + random.nextDouble()), 1 + random.nextInt(100));
            List<String> union = new ArrayList<>(a);
            b.stream().filter(x -> !a.contains(x)).forEach(union::add);
            assertThat(items(fused)).containsExactlyInAnyOrderElementsOf(union);
            for (int i = 1; i < fused.size(); i++) {
                assertThat(fused.get(i).score()).isLessThanOrEqualTo(fused.get(i - 1).score());
            }
        }
    }

    /** Up to 30 distinct items out of 40, in random order. */
    private static List<String> randomLeg(Random random) {
        List<String> pool = new ArrayList<>(IntStream.range(0, 40).mapToObj(i -> "d" + i).toList());
        Collections.shuffle(pool, random);
        return List.copyOf(pool.subList(0, random.nextInt(31)));
    }
}
