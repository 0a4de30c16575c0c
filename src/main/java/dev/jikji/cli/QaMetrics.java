package dev.jikji.cli;

import java.text.Normalizer;
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
 * For sets with reference answers (the public sets, see {@code ../shared/eval/README.md}) also answer
 * containment (a reference answer, after NFKC, lower-casing and removing whitespace, occurs in the
 * answer text so normalised; abstentions count as misses) and the gold-citation rate (a citation names
 * an expected document), both over answerable questions that have reference answers.
 */
public record QaMetrics(List<Item> items) {

    /**
     * One question's outcome. {@code answers} are reference answers (any one contained counts), empty for
     * the project's own set; {@code asked} is false when only search ran ({@code --no-ask}).
     */
    public record Item(String id, String language, boolean answerable, List<String> expected, List<String> keywords,
            List<String> answers, List<String> rankedDocuments, boolean asked, String answer, boolean abstained,
            List<String> citedDocuments, long totalMs) {

        /** An item of the project's own set, which has keywords but no reference answers, searched and asked. */
        public Item(String id, String language, boolean answerable, List<String> expected, List<String> keywords,
                List<String> rankedDocuments, String answer, boolean abstained, List<String> citedDocuments, long totalMs) {
            this(id, language, answerable, expected, keywords, List.of(), rankedDocuments, true, answer, abstained,
                    citedDocuments, totalMs);
        }

        int rank() {
            for (int i = 0; i < rankedDocuments.size(); i++) {
                if (expected.contains(rankedDocuments.get(i))) return i + 1;
            }
            return 0;
        }

        boolean keywordHit() {
            if (!answerable || abstained || !asked) return false;
            String a = answer.toLowerCase(Locale.ROOT);
            return keywords.stream().allMatch(k -> a.contains(k.toLowerCase(Locale.ROOT)));
        }

        /** A reference answer occurs in the answer, both normalised (NFKC, lower case, no whitespace). */
        boolean answerContained() {
            if (!answerable || abstained || !asked || answer == null) return false;
            String a = normalise(answer);
            return answers.stream().map(QaMetrics::normalise).anyMatch(r -> !r.isEmpty() && a.contains(r));
        }

        boolean citesExpected() {
            return citedDocuments.stream().anyMatch(expected::contains);
        }

        long goodCitations() {
            return citedDocuments.stream().filter(expected::contains).count();
        }

        String describe() {
            String head = String.format(Locale.ROOT, "%-8s %-2s %s rank=%d", id, language,
                    answerable ? "answerable  " : "unanswerable", rank());
            if (!asked) return head;
            return head + String.format(Locale.ROOT, " abstained=%s %s citations=%d/%d", abstained,
                    answers.isEmpty() ? "keywords=" + (keywordHit() ? "hit" : "miss")
                            : "answer=" + (answerContained() ? "contained" : "missed"),
                    goodCitations(), citedDocuments.size());
        }
    }

    /** NFKC, lower case, whitespace removed: how answers are compared by containment. */
    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
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
        List<Item> asked = in.stream().filter(Item::asked).toList();
        m.put("asked", asked.size());
        if (asked.isEmpty()) return m;
        List<Item> askedAnswerable = asked.stream().filter(Item::answerable).toList();
        List<Item> withAnswers = askedAnswerable.stream().filter(i -> !i.answers().isEmpty()).toList();
        List<Item> withKeywords = askedAnswerable.stream().filter(i -> !i.keywords().isEmpty()).toList();
        if (!withKeywords.isEmpty() || withAnswers.isEmpty()) m.put("keywordHitRate", share(withKeywords, Item::keywordHit));
        if (!withAnswers.isEmpty()) {
            m.put("answerContainment", share(withAnswers, Item::answerContained));
            m.put("citesGold", share(withAnswers, Item::citesExpected));
        }
        long cited = asked.stream().mapToLong(i -> i.citedDocuments().size()).sum();
        long good = asked.stream().mapToLong(Item::goodCitations).sum();
        m.put("citationPrecision", cited == 0 ? 0 : (double) good / cited);
        m.put("citations", cited);
        m.put("abstentionAccuracy", share(asked, i -> i.abstained() != i.answerable()));
        m.put("abstainedOnUnanswerable", share(asked.stream().filter(i -> !i.answerable()).toList(), Item::abstained));
        m.put("abstainedOnAnswerable", share(askedAnswerable, Item::abstained));
        m.put("meanAskMs", asked.stream().mapToLong(Item::totalMs).average().orElse(0));
        return m;
    }

    private static double share(List<Item> items, Predicate<Item> p) {
        return items.isEmpty() ? 0 : (double) items.stream().filter(p).count() / items.size();
    }

    @SuppressWarnings("unchecked")
    public String table(String title) {
        StringBuilder b = new StringBuilder("QA evaluation: ").append(title).append('\n');
        Map<String, Object> summary = summary();
        Map<String, Object> all = (Map<String, Object>) summary.get("all");
        boolean asked = (int) all.get("asked") > 0;
        boolean references = all.containsKey("answerContainment");
        b.append(String.format(Locale.ROOT, "%-4s %5s %6s %6s %6s %6s", "set", "n", "R@1", "R@5", "R@10", "MRR"));
        if (asked && references) b.append(String.format(Locale.ROOT, " %8s %8s", "contains", "citeGold"));
        if (asked && all.containsKey("keywordHitRate")) b.append(String.format(Locale.ROOT, " %8s", "keyword"));
        if (asked) b.append(String.format(Locale.ROOT, " %8s %9s %10s %9s", "cit.prec", "abst.acc", "abst|unans", "abst|ans"));
        b.append('\n');
        summary.forEach((name, v) -> {
            Map<String, Object> g = (Map<String, Object>) v;
            if ((int) g.get("questions") == 0) return;
            b.append(String.format(Locale.ROOT, "%-4s %5d %6.3f %6.3f %6.3f %6.3f", name,
                    g.get("questions"), g.get("recallAt1"), g.get("recallAt5"), g.get("recallAt10"), g.get("mrr")));
            if (asked && references) {
                b.append(String.format(Locale.ROOT, " %8.3f %8.3f", g.getOrDefault("answerContainment", 0.0), g.getOrDefault("citesGold", 0.0)));
            }
            if (asked && all.containsKey("keywordHitRate")) b.append(String.format(Locale.ROOT, " %8.3f", g.getOrDefault("keywordHitRate", 0.0)));
            if (asked) {
                b.append(String.format(Locale.ROOT, " %8.3f %9.3f %10.3f %9.3f", g.get("citationPrecision"), g.get("abstentionAccuracy"),
                        g.get("abstainedOnUnanswerable"), g.get("abstainedOnAnswerable")));
            }
            b.append('\n');
        });
        return b.toString();
    }
}
