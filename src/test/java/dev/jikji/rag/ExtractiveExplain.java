package dev.jikji.rag;

import dev.jikji.language.QuestionType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/** For tuning (bin/bench-answers -vv): the extractive answerer's best candidate sentences with their scores. */
public final class ExtractiveExplain {

    private ExtractiveExplain() {}

    public static String top(String question, List<Source> sources, TermWeights weights, int n) {
        // the question's terms as the answerer counts them (question words left out)
        Set<String> asked = ExtractiveAnswerGenerator.asked(question, weights);
        List<ExtractiveAnswerGenerator.Candidate> c = ExtractiveAnswerGenerator.candidates(question, sources, asked, weights,
                QuestionType.of(question));
        c.sort(Comparator.comparingDouble(ExtractiveAnswerGenerator.Candidate::score).reversed());
        return "    type " + QuestionType.of(question) + " terms " + asked + "\n" + c.stream().limit(n)
                .map(x -> String.format(Locale.ROOT, "    %.3f [%d]%s %s", x.score(), x.source().n(), x.restates() ? " R" : "",
                        x.sentence().length() > 160 ? x.sentence().substring(0, 160) + "…" : x.sentence()))
                .collect(Collectors.joining("\n"));
    }
}
