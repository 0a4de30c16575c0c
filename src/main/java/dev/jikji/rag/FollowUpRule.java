package dev.jikji.rag;

import dev.jikji.language.Language;
import dev.jikji.index.TextTerms;
import dev.jikji.rerank.BuiltinReranker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.ko.POS;

/**
 * Makes a follow-up standalone without an LLM, deterministically. A question is taken as a follow-up when it
 * is elliptical (at most {@value #SHORT_TERMS} topical terms: nouns, roots, numbers, Latin-script words, question
 * words dropped) or when it points back (그럼, 그건, 거기, "…는요?", "and", "it", "those" …) and is still short (at
 * most {@value #MARKED_MAX_TERMS} topical terms). Then the rarest content terms (by the index's IDF) of the
 * previous question are appended in their original spelling, at most {@code carryTerms}; when the previous
 * question was itself a follow-up, the one before it contributes too, at half weight, and so on.
 *
 * <p>Two guards keep history from drowning the question: a self-contained question (longer, or long
 * enough without a word pointing back) is used as it is, and a marked follow-up that says a lot on its
 * own gets no more carried weight than its own terms have, so its own words still decide retrieval.
 * Measured on the conversation set (README "Conversations").
 */
public final class FollowUpRule implements QuestionRewriter {

    static final int SHORT_TERMS = 2;
    static final int MARKED_MAX_TERMS = 6;
    static final double CARRY_SHARE = 2.0;

    private static final Set<String> KO_LEADS = Set.of("그럼", "그러면", "그리고", "그런데", "근데", "그래서", "또", "또는",
            "그외", "나머지", "다른", "그밖에", "아니면");
    private static final List<String> KO_POINTERS = List.of("그거", "그것", "그건", "그게", "그걸", "이거", "이것", "이건",
            "이게", "저거", "저것", "거기", "그때", "그분", "그쪽", "해당", "그런", "이런");
    /** "교체 기간에는요?", "영어는요?": a topic with a particle and nothing else asked. */
    private static final Pattern KO_ELLIPSIS = Pattern.compile("(은|는|도|에는|에서는|이랑|랑|하고|만)요\\s*[?？]?\\s*$");
    private static final Set<String> EN_LEADS = Set.of("and", "but", "so", "then", "also", "or");
    private static final Set<String> EN_POINTERS = Set.of("it", "its", "they", "them", "their", "those", "these", "there",
            "else", "same", "another", "others");
    private static final Pattern EN_ABOUT = Pattern.compile("^(what|how) about\\b");
    private static final Pattern WORD_SPLIT = Pattern.compile("[\\s,.!?？;:()\"'“”‘’]+");

    private final TextTerms text;
    private final Function<Collection<String>, Map<String, Double>> idf;
    private final int carryTerms;

    /**
     * @param idf the index's IDF of analysed terms ({@code SearchIndex::idf})
     */
    public FollowUpRule(TextTerms text, Function<Collection<String>, Map<String, Double>> idf, int carryTerms) {
        this.text = text;
        this.idf = idf;
        this.carryTerms = Math.max(0, carryTerms);
    }

    /** A content term of a question and where it stands in the text. */
    record Term(String term, String surface, int start) {}

    /**
     * What a question is about: nouns, roots, numbers and Latin-script words. Verbs, adjectives and adverbs
     * (바꾸, 되, 빨라지, 얼마나) say what is asked about the topic, so they neither make a question
     * self-contained nor are worth carrying into the next one.
     */
    static boolean topical(POS.Tag tag) {
        if (tag == null) return true;
        return switch (tag) {
            case NNG, NNP, NNB, NR, XR, SL, SH, SN -> true;
            default -> false;
        };
    }

    @Override
    public Standalone rewrite(String question, List<Turn> history, Language language, long deadline) {
        List<Term> own = contentTerms(question);
        if (history.isEmpty() || carryTerms == 0 || !isFollowUp(question, own)) return Standalone.unchanged(question);
        Set<String> ownTerms = new java.util.HashSet<>();
        own.forEach(t -> ownTerms.add(t.term()));

        List<List<Term>> earlier = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            String q = history.get(i).question();
            List<Term> terms = contentTerms(q == null ? "" : q);
            earlier.add(terms);
            if (!isFollowUp(q == null ? "" : q, terms)) break;
        }
        Set<String> all = new java.util.HashSet<>(ownTerms);
        earlier.forEach(ts -> ts.forEach(t -> all.add(t.term())));
        Map<String, Double> weights = idf.apply(all);

        // newest earlier question first, weight halving per step back; a term keeps its best weight
        record Candidate(Term term, int age, double weight) {}
        Map<String, Candidate> pool = new LinkedHashMap<>();
        double decay = 1;
        for (int age = 0; age < earlier.size(); age++, decay /= 2) {
            for (Term t : earlier.get(age)) {
                if (ownTerms.contains(t.term())) continue;
                double w = weights.getOrDefault(t.term(), 1.0) * decay;
                Candidate c = pool.get(t.term());
                if (c == null || c.weight() < w) pool.put(t.term(), new Candidate(t, age, w));
            }
        }
        List<Candidate> ranked = new ArrayList<>(pool.values());
        ranked.sort(Comparator.comparingDouble(Candidate::weight).reversed());
        double ownWeight = own.stream().mapToDouble(t -> weights.getOrDefault(t.term(), 1.0)).sum();
        // Carried terms may weigh at most CARRY_SHARE times the question's own (one always goes in): an
        // elliptical question ("표는요?") needs the earlier topic to outweigh its one word, one that says more
        // keeps the larger say; a question with no topic of its own ("바꾸려면 어떻게 해요?") takes the earlier one whole.
        double budget = own.isEmpty() ? Double.MAX_VALUE : ownWeight * (own.size() <= SHORT_TERMS ? CARRY_SHARE : 1.0);
        List<Candidate> chosen = new ArrayList<>();
        double used = 0;
        for (Candidate c : ranked) {
            if (chosen.size() == carryTerms) break;
            if (!chosen.isEmpty() && used + c.weight() > budget) break;
            chosen.add(c);
            used += c.weight();
        }
        if (chosen.isEmpty()) return Standalone.unchanged(question);
        // in the order the words were asked: oldest question first, then position in it
        chosen.sort(Comparator.comparingInt((Candidate c) -> -c.age()).thenComparingInt(c -> c.term().start()));
        List<String> carried = new ArrayList<>();
        for (Candidate c : chosen) {
            if (!carried.contains(c.term().surface())) carried.add(c.term().surface());
        }
        return new Standalone(question + " (" + String.join(" ", carried) + ")", Standalone.Method.RULE, List.copyOf(carried));
    }

    /** Elliptical, or pointing back and still short. */
    boolean isFollowUp(String question, List<Term> terms) {
        if (terms.size() <= SHORT_TERMS) return true;
        return terms.size() <= MARKED_MAX_TERMS && pointsBack(question);
    }

    static boolean pointsBack(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT);
        if (KO_ELLIPSIS.matcher(q).find() || EN_ABOUT.matcher(q).find()) return true;
        String[] words = WORD_SPLIT.split(q);
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) continue;
            if (i == 0 && (KO_LEADS.contains(w) || EN_LEADS.contains(w))) return true;
            if (EN_POINTERS.contains(w) || "그".equals(w)) return true;
            for (String p : KO_POINTERS) {
                if (w.startsWith(p)) return true;
            }
        }
        return false;
    }

    /** Analysed topical terms (question words dropped), first occurrence each, with their spelling in the text. */
    List<Term> contentTerms(String text) {
        Map<String, Term> out = new LinkedHashMap<>();
        this.text.forEach(text, token -> {
            String t = token.term();
            if (BuiltinReranker.QUESTION_WORDS.contains(t) || out.containsKey(t) || !topical(token.leftPos())) return;
            int start = Math.max(0, Math.min(token.start(), text.length()));
            int end = Math.max(start, Math.min(token.end(), text.length()));
            String surface = text.substring(start, end);
            out.put(t, new Term(t, surface.isBlank() ? t : surface, start));
        });
        return List.copyOf(out.values());
    }
}
