package dev.jikji.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion: an item's score is the sum over legs of {@code weight / (k + rank)},
 * ranks starting at 1. A leg with weight 0 contributes nothing. Ties keep the order in which items
 * were first seen, so the first leg wins them.
 */
public final class ReciprocalRankFusion {

    private ReciprocalRankFusion() {}

    public record Ranked<T>(T item, double score) {}

    public static <K, T> List<Ranked<T>> fuse(List<List<T>> legs, List<Double> weights, int k,
            java.util.function.Function<T, K> key) {
        if (legs.size() != weights.size()) throw new IllegalArgumentException("one weight per leg");
        Map<K, T> items = new LinkedHashMap<>();
        Map<K, Double> scores = new LinkedHashMap<>();
        for (int l = 0; l < legs.size(); l++) {
            double w = weights.get(l);
            List<T> leg = legs.get(l);
            for (int r = 0; r < leg.size(); r++) {
                T item = leg.get(r);
                K id = key.apply(item);
                items.putIfAbsent(id, item);
                if (w > 0) scores.merge(id, w / (k + r + 1), Double::sum);
                else scores.putIfAbsent(id, 0.0);
            }
        }
        List<Ranked<T>> out = new ArrayList<>();
        scores.forEach((id, s) -> { if (s > 0) out.add(new Ranked<>(items.get(id), s)); });
        out.sort(Comparator.comparingDouble((Ranked<T> r) -> r.score()).reversed());
        return out;
    }

    /**
     * Adds a group-level ranking to fused items: each item whose group is at rank r of {@code groups}
     * gains {@code weight / (k + r)}, and the list is sorted again (stable). Every item of a group gains the
     * same, so the group's best item stays its first.
     */
    public static <G, T> List<Ranked<T>> boostByGroup(List<Ranked<T>> fused, List<G> groups, double weight, int k,
            java.util.function.Function<T, G> group) {
        Map<G, Integer> rank = new java.util.HashMap<>();
        for (int r = 0; r < groups.size(); r++) rank.putIfAbsent(groups.get(r), r + 1);
        List<Ranked<T>> out = new ArrayList<>(fused.size());
        for (Ranked<T> item : fused) {
            Integer r = rank.get(group.apply(item.item()));
            out.add(r == null ? item : new Ranked<>(item.item(), item.score() + weight / (k + r)));
        }
        out.sort(Comparator.comparingDouble((Ranked<T> r) -> r.score()).reversed());
        return out;
    }
}
