package dev.jikji.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The QA figures. Retrieval: document-level recall@k and MRR over answerable questions. Answers:
 * keyword hit rate (an answerable question answered, not abstained, with every keyword in the answer,
 * case-insensitive), citation precision (share of all citations, over all answered questions, that
 * cite one of the question's expected documents; a citation on an unanswerable question counts as
 * wrong), and abstention accuracy (abstained exactly when the question is unanswerable).
 */
public record QaMetrics(List<Item> items) {

    public record Item(String id, String language, boolean answerable, List<String> expected, List<String> keywords,
            List<String> rankedDocuments, String answer, boolean abstained, List<String> citedDocuments, long totalMs) {

        int rank() {
            for (int i = 0; i < rankedDocuments.size(); i++) {
                if (expected.contains(rankedDocuments.get(i))) return i + 1;
            }
            return 0;
        }

        boolean keywordHit() {
            if (!answerable || abstained) return false;
            String a = answer.toLowerCase(Locale.ROOT);
            return keywords.stream().allMatch(k -> a.contains(k.toLowerCase(Locale.ROOT)));
        }

        long goodCitations() {
            return citedDocuments.stream().filter(expected::contains).count();
        }

        String describe() {
            return String.format(Locale.ROOT, "%-8s %-2s %s rank=%d abstained=%s keywords=%s citations=%d/%d",
                    id, language, answerable ? "answerable  " : "unanswerable", rank(), abstained,
                    keywordHit() ? "hit" : "miss", goodCitations(), citedDocuments.size());
        }
    }

    public static QaMetrics of(List<Item> items) {
        return new QaMetrics(List.copyOf(items));
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("all", group(i -> true));
        m.put("ko", group(i -> "ko".equals(i.language())));
        m.put("en", group(i -> "en".equals(i.language())));
        return m;
    }

    private Map<String, Object> group(Predicate<Item> which) {
        List<Item> in = items.stream().filter(which).toList();
        List<Item> answerable = in.stream().filter(Item::answerable).toList();
        List<Item> unanswerable = in.stream().filter(i -> !i.answerable()).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("questions", in.size());
        m.put("answerable", answerable.size());
        m.put("recallAt1", share(answerable, i -> i.rank() == 1));
        m.put("recallAt5", share(answerable, i -> i.rank() >= 1 && i.rank() <= 5));
        m.put("recallAt10", share(answerable, i -> i.rank() >= 1 && i.rank() <= 10));
        m.put("mrr", answerable.isEmpty() ? 0 : answerable.stream().mapToDouble(i -> i.rank() == 0 ? 0 : 1.0 / i.rank()).average().orElse(0));
        m.put("keywordHitRate", share(answerable, Item::keywordHit));
        long cited = in.stream().mapToLong(i -> i.citedDocuments().size()).sum();
        long good = in.stream().mapToLong(Item::goodCitations).sum();
        m.put("citationPrecision", cited == 0 ? 0 : (double) good / cited);
        m.put("citations", cited);
        m.put("abstentionAccuracy", share(in, i -> i.abstained() != i.answerable()));
        m.put("abstainedOnUnanswerable", share(unanswerable, Item::abstained));
        m.put("abstainedOnAnswerable", share(answerable, Item::abstained));
        m.put("meanAskMs", in.stream().mapToLong(Item::totalMs).average().orElse(0));
        return m;
    }

    private static double share(List<Item> items, Predicate<Item> p) {
        return items.isEmpty() ? 0 : (double) items.stream().filter(p).count() / items.size();
    }

    @SuppressWarnings("unchecked")
    public String table(String title) {
        StringBuilder b = new StringBuilder("QA evaluation: ").append(title).append('\n');
        b.append(String.format(Locale.ROOT, "%-4s %4s %6s %6s %6s %6s %8s %8s %9s %9s %9s%n", "set", "n", "R@1", "R@5", "R@10",
                "MRR", "keyword", "cit.prec", "abst.acc", "abst|unans", "abst|ans"));
        summary().forEach((name, v) -> {
            Map<String, Object> g = (Map<String, Object>) v;
            if ((int) g.get("questions") == 0) return;
            b.append(String.format(Locale.ROOT, "%-4s %4d %6.3f %6.3f %6.3f %6.3f %8.3f %8.3f %9.3f %9.3f %9.3f%n", name,
                    g.get("questions"), g.get("recallAt1"), g.get("recallAt5"), g.get("recallAt10"), g.get("mrr"),
                    g.get("keywordHitRate"), g.get("citationPrecision"), g.get("abstentionAccuracy"),
                    g.get("abstainedOnUnanswerable"), g.get("abstainedOnAnswerable")));
        });
        return b.toString();
    }
}
