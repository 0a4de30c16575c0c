package dev.jikji.rag;

import dev.jikji.ingest.SentenceSplitter;
import dev.jikji.ingest.TableRows;
import dev.jikji.language.Language;
import dev.jikji.language.QuestionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The answer without an LLM: the sentences of the reranked sources that answer the question, each quoted as
 * written and cited. Nothing is added but the citation markers, so it cannot state anything the documents do not.
 *
 * <p>A sentence scores by the share of the question it covers (IDF-weighted, with the chunk's headings and the
 * sentence's neighbours as context, less for lower-ranked sources), and then by whether it answers rather than echoes:
 * <ul>
 * <li>headings, questions and outline or table-of-contents lines are never quoted ({@link SentenceForm});
 * <li>a sentence that adds little beyond the question's own terms (a restatement) counts for less, and is
 *     quoted only together with the sentence after it, which then carries the answer;
 * <li>a sentence with what the question's type asks for ({@link QuestionType#fits}: a cause for "왜", a number
 *     for "몇", a date for "언제") counts for more, one without it for a factoid question for less.
 * </ul>
 * It quotes the best sentence between its neighbours in the paragraph (the one before often starts the
 * explanation, the one after completes it), and fills up to three sentences besides the one before with others that cover question
 * terms the first missed or score nearly as well as it; for a factoid question one of them is the best sentence of the reranker's first source
 * when the best came from another document. When only restatements match, it refuses: echoing the question
 * is not an answer. For a factoid question it also returns the short answer ({@link AnswerSpans}) when one
 * span of the quoted sentence is certain.
 */
public final class ExtractiveAnswerGenerator implements AnswerGenerator {

    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d{1,3}[.)]|#{1,6}|>)\\s+");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__");
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_SENTENCE_CHARS = 400;

    /** A sentence with less than this share of new (non-question) terms restates the question. */
    static final double RESTATEMENT_NOVELTY = 0.25;
    /**
     * Weight of a sentence that fits the question type, and of one without the number or date a "몇"/"언제"
     * question needs; a restatement's weight. Tuned on both QA sets with bin/bench-answers (README "Answers").
     */
    static final double TYPE_FIT = 1.1;
    static final double MARKER_MISSING = 0.6;
    static final double RESTATEMENT = 0.6;
    /** Shares of a sentence's score: its own words, with its chunk's headings, with its neighbours too. */
    static final double OWN = 0.55;
    static final double CONTEXT = 0.25;
    static final double WINDOW = 0.2;
    /** Score lost per rank of the source: the reranker's order is a strong hint already. */
    static final double RANK_DECAY = 0.08;
    /** A further sentence is quoted only when it scores at least this share of the best. */
    static final double KEEP = 0.4;
    /**
     * A further sentence that scores at least this share of the best (before the best's restatement penalty) is quoted
     * even if it adds no question term.
     */
    static final double CLOSE = 0.5;

    /**
     * Question words, the asker's pronouns and emphasis ("what actually …", "what exactly …") as the analyzers emit
     * them: how the question is asked, not about what. Shorter than the reranker's list
     * ({@code BuiltinReranker.QUESTION_WORDS}): leaving out its modals too (can, would, should) cost XQuAD one answer
     * per sample ("When would the allies leave …") for one on the own set (README "Answers", round 4).
     */
    static final Set<String> QUESTION_WORDS = Set.of("how", "what", "when", "where", "who", "which", "why", "do", "does",
            "did", "we", "our", "you", "i", "actually", "exactly", "really", "뭐", "무엇", "왜", "언제", "어디", "누구", "어떻",
            "어떤", "몇", "얼마");

    private final double minScore;

    /** @param minScore the share of the question a sentence must cover to be quoted at all */
    public ExtractiveAnswerGenerator(double minScore) {
        this.minScore = minScore;
    }

    @Override
    public String name() {
        return "extractive";
    }

    @Override
    public AnswerMode mode() {
        return AnswerMode.EXTRACTIVE;
    }

    @Override
    public String executionProvider() {
        return "CPU";
    }

    /**
     * @param next the sentence after it in the same paragraph or list item, if any
     * @param restates whether it adds little to the question's own terms
     * @param row whether it is a table row (quoted with its column names)
     */
    record Candidate(Source source, int position, String sentence, Set<String> terms, double score, String next,
            String previous, boolean restates, boolean row) {

        /** "그래서 …", "So …": the conclusion; the reason is the sentence before it. */
        boolean concludes() {
            return previous != null && RESULT.matcher(sentence).find();
        }
    }

    /** A sentence that draws a conclusion from the one before it. */
    private static final Pattern RESULT = Pattern.compile(
            "^(?:그래서|따라서|그러므로|그러니|이 때문에|이런 이유로|그런 이유로|이래서|결국|So\\b|Therefore|Hence|Thus|That is why|This is why|That's why)");

    @Override
    public Generation generate(String question, Language language, List<Source> sources, TermWeights weights,
            Consumer<String> onToken, long deadline) {
        Set<String> asked = asked(question, weights);
        QuestionType type = QuestionType.of(question);
        List<Candidate> candidates = candidates(question, sources, asked, weights, type);
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        // a restatement answers only when the sentence after it says something: otherwise it only echoes
        candidates.removeIf(c -> c.restates() && c.next() == null && !c.concludes());
        // "…모델의 정확한 이름이 뭔가요?": a sentence that describes the model without naming it does not answer
        TechnicalNames.thingNamed(question).ifPresent(thing ->
                candidates.removeIf(c -> !TechnicalNames.names(c.sentence(), thing, question)));
        if (candidates.isEmpty() || candidates.getFirst().score() < minScore) {
            return new Generation("", sources, 0, Finish.REFUSED);
        }
        List<Candidate> ranked = choose(candidates, asked, type);
        Candidate best = ranked.getFirst();
        List<Candidate> chosen = new ArrayList<>();
        // the best sentence with its neighbours in the paragraph: "그래서 청커는 토큰을 세서 자른다" says why
        // in the sentence before; the sentence that echoes the question often states the problem and the next
        // one the answer; an explanation usually starts a sentence before the one that names the topic
        if (best.previous() != null) {
            chosen.add(neighbour(best, best.previous(), -1));
        }
        // the sentence before is context: it does not take the place of a sentence that may hold the answer
        int max = MAX_SENTENCES + chosen.size();
        chosen.add(best);
        if (best.next() != null && !best.concludes()) chosen.add(neighbour(best, best.next(), 1));
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (chosen.size() >= max) break;
            if (chosen.stream().noneMatch(p -> p.sentence().equals(c.sentence()))) chosen.add(c);
        }
        Span span = null;
        if (type.factoid()) {
            span = AnswerSpans.find(type, question, best.sentence()).map(t -> new Span(t, best.source().n())).orElse(null);
        }
        long first = System.nanoTime();
        StringBuilder answer = new StringBuilder();
        for (Candidate c : chosen) {
            String piece = (answer.isEmpty() ? "" : " ") + cite(c.sentence(), c.source().n());
            answer.append(piece);
            for (String word : piece.split("(?<= )")) onToken.accept(word);
        }
        return new Generation(answer.toString(), sources, first, Finish.STOP, span);
    }

    /** The question's terms that a sentence can share with it. */
    static Set<String> asked(String question, TermWeights weights) {
        Set<String> asked = new HashSet<>(weights.terms(question));
        // a statement never says "how" or "뭐": counting them only lowers every sentence's share of the question
        asked.removeAll(QUESTION_WORDS);
        // "…정기 시간이 있나요?": the answer names the thing ("매주 목요일 16:00 오피스 아워"), it does not say "있다"
        if (QuestionType.asksWhetherThereIs(question)) asked.remove("있");
        return asked;
    }

    static List<Candidate> candidates(String question, List<Source> sources, Set<String> asked, TermWeights weights,
            QuestionType type) {
        boolean defaults = QuestionType.defaultFits(question, "기본값");
        List<Candidate> out = new ArrayList<>();
        for (int rank = 0; rank < sources.size(); rank++) {
            Source s = sources.get(rank);
            Set<String> context = weights.terms(s.hit().title() + "\n" + String.join("\n", s.hit().headingPath()));
            int position = 0;
            for (SourceLines.Line l : SourceLines.of(s.text())) {
                String line = l.raw();
                String clean = l.prose();
                if (clean.isEmpty()) continue;
                // a table row is quoted with its column names and says them ("Traffic to new version: 5%"); when it is
                // one sentence its terms are its cells' as written ("요일: 월" reads 월 as a bound noun and drops it)
                // and the names'
                boolean row = !l.labels().isEmpty();
                Set<String> labels = row ? weights.terms(l.labels()) : Set.of();
                List<String> sentences = SentenceSplitter.sentences(clean);
                List<Set<String>> termsOf = row && sentences.size() == 1 ? List.of(union(weights.terms(clean(line)), labels))
                        : sentences.stream().map(weights::terms).toList();
                for (int i = 0; i < sentences.size(); i++) {
                    String sentence = sentences.get(i);
                    position++;
                    if (sentence.length() < 8 || sentence.length() > MAX_SENTENCE_CHARS) continue;
                    if (!SentenceForm.of(line, sentence, sentences.size() == 1).quotable()) continue;
                    Set<String> terms = termsOf.get(i);
                    Set<String> withContext = new HashSet<>(terms);
                    withContext.addAll(context);
                    // the question's terms are often split between a sentence and its neighbour ("청크가 너무 크면
                    // …섞인다. 또 프롬프트에 넣을 때 …"): the window around it says how close it is to the topic
                    Set<String> window = new HashSet<>(withContext);
                    if (i > 0) window.addAll(termsOf.get(i - 1));
                    if (i + 1 < sentences.size()) window.addAll(termsOf.get(i + 1));
                    // a sentence under the heading "다음 페이지" answers a question about the next page
                    // even when it does not repeat those words itself
                    double score = (OWN * weights.coverage(asked, terms) + CONTEXT * weights.coverage(asked, withContext)
                            + WINDOW * weights.coverage(asked, window)) * (1 - RANK_DECAY * rank);
                    String next = i + 1 < sentences.size() && sentences.get(i + 1).length() <= MAX_SENTENCE_CHARS
                            && SentenceForm.of(line, sentences.get(i + 1), false).quotable() ? sentences.get(i + 1) : null;
                    String previous = i > 0 && sentences.get(i - 1).length() <= MAX_SENTENCE_CHARS
                            && SentenceForm.of(line, sentences.get(i - 1), false).quotable() ? sentences.get(i - 1) : null;
                    boolean restates = novelty(terms, asked, weights) < RESTATEMENT_NOVELTY;
                    if (restates) score *= RESTATEMENT;
                    boolean concludes = previous != null && RESULT.matcher(sentence).find();
                    if (type.fits(sentence) || (restates && next != null && type.fits(next))
                            || (concludes && type.fits(previous))) score *= TYPE_FIT;
                    else if (type.needsMarker()) score *= MARKER_MISSING;
                    if (defaults && QuestionType.defaultFits(question, sentence)) score *= TYPE_FIT;
                    out.add(new Candidate(s, position, sentence, terms, score, next, previous, restates, row));
                }
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The IDF-weighted share of the sentence's terms that the question does not already have. */
    static double novelty(Set<String> sentence, Set<String> asked, TermWeights weights) {
        double total = 0;
        double added = 0;
        for (String t : sentence) {
            double w = weights.weight(t);
            total += w;
            if (!asked.contains(t)) added += w;
        }
        return total == 0 ? 0 : added / total;
    }

    private static Candidate neighbour(Candidate of, String sentence, int offset) {
        return new Candidate(of.source(), of.position() + offset, sentence, Set.of(), of.score(), null, null, false, false);
    }

    private List<Candidate> choose(List<Candidate> ranked, Set<String> asked, QuestionType type) {
        List<Candidate> chosen = new ArrayList<>();
        Candidate best = ranked.getFirst();
        chosen.add(best);
        Set<String> covered = new HashSet<>(best.terms());
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (chosen.size() == MAX_SENTENCES || c.score() < Math.max(minScore, KEEP * best.score())) break;
            // another document must say it at least as well as the best sentence: a weaker sentence from
            // elsewhere is more often a different topic sharing words than the rest of the answer
            boolean sameDocument = c.source().hit().documentId().equals(best.source().hit().documentId());
            // ... except, for a factoid question, the reranker's first source when the best sentence came from below
            // it: the reranker read the whole chunk, a name or a date often sits in a sentence sharing few question
            // words, and one sentence of it costs little. Not for explanations: a sentence from a second document
            // there is more often another topic (README "Answers", issue 17)
            boolean top = type.factoid() && c.source().n() == 1 && chosen.stream().noneMatch(p -> p.source().n() == 1);
            if (!sameDocument && !top && c.score() < best.score()) continue;
            // a sentence that scores at least half as well as the best is quoted even when it adds no question term: the
            // line that says the answer often shares the best sentence's terms ("데이터 디렉터리: … 기본값은 `data/`" under
            // "모든 상태는 데이터 디렉터리 한 곳에 저장된다"); a weaker one only when it covers a term the others missed.
            // Measured against the best before its restatement penalty: a restated best is not a high bar
            boolean addsQuestionTerm = c.terms().stream().anyMatch(t -> asked.contains(t) && !covered.contains(t));
            // ... but not another row of the best row's table: the column names it shares make every row look close
            boolean siblingRow = c.row() && best.row() && c.source() == best.source();
            boolean close = !siblingRow && c.score() >= CLOSE * (best.restates() ? best.score() / RESTATEMENT : best.score());
            boolean repeats = chosen.stream().anyMatch(p -> jaccard(p.terms(), c.terms()) > 0.6);
            if ((addsQuestionTerm || top || close) && !repeats) {
                chosen.add(c);
                covered.addAll(c.terms());
            }
        }
        return chosen;
    }

    static String clean(String line) {
        String s = line.strip();
        if (s.startsWith("```") || TableRows.isRule(s)) return "";
        s = LIST_MARKER.matcher(s).replaceFirst("");
        s = EMPHASIS.matcher(s).replaceAll("");
        if (s.startsWith("|")) {
            s = String.join(" · ", java.util.Arrays.stream(s.split("\\|")).map(String::strip).filter(x -> !x.isEmpty()).toList());
        }
        return s.strip();
    }

    /**
     * "…입니다." → "…입니다 [2]." so the marker sits inside the sentence it supports; a fragment with no full stop (a
     * table row, a label and its value) gets one after its marker, or it would run into the next quote and be
     * checked as one claim with it ({@link CitationVerifier} checks sentence by sentence).
     */
    static String cite(String sentence, int n) {
        String s = sentence.strip();
        int end = s.length();
        while (end > 0 && ".!?。".indexOf(s.charAt(end - 1)) >= 0) end--;
        // a stop inside closing quotes or brackets ("…in Korean." ) already ends it
        boolean ended = end < s.length() || s.replaceFirst("[\"”’')\\]]+$", "").matches("(?s).*[.!?。]$");
        return s.substring(0, end) + " [" + n + "]" + (ended ? s.substring(end) : ".");
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        int both = 0;
        for (String t : a) if (b.contains(t)) both++;
        return (double) both / (a.size() + b.size() - both);
    }
}
