package dev.jikji.rag;

import dev.jikji.language.Language;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Makes a follow-up standalone with the LLM that writes the answers: a short rewrite prompt in the question's
 * language over the earlier turns (answers shortened). The model only rewrites the question; the answer is
 * still written from retrieved sources alone. When the model fails, is busy past the rewrite time-out, or
 * returns something that is not a question-sized line, the deterministic rule is used instead (logged).
 */
public final class LlmQuestionRewriter implements QuestionRewriter {

    private static final Logger LOG = Logger.getLogger(LlmQuestionRewriter.class);

    /** Earlier answers are context for resolving "it"; their first part says what they were about. */
    static final int ANSWER_CHARS = 600;

    private final LlmAnswerGenerator llm;
    private final QuestionRewriter fallback;
    private final long timeoutNanos;
    private final int maxQuestionChars;

    public LlmQuestionRewriter(LlmAnswerGenerator llm, QuestionRewriter fallback, java.time.Duration timeout,
            int maxQuestionChars) {
        this.llm = llm;
        this.fallback = fallback;
        this.timeoutNanos = timeout.toNanos();
        this.maxQuestionChars = maxQuestionChars;
    }

    @Override
    public Standalone rewrite(String question, List<Turn> history, Language language, long deadline) {
        long until = Math.min(deadline, System.nanoTime() + timeoutNanos);
        String text;
        try {
            text = llm.complete(Prompts.rewriteSystem(language), Prompts.rewriteUser(language, history, question, ANSWER_CHARS),
                    until);
        } catch (RuntimeException e) {
            LOG.warnf("Rewriting a follow-up with %s failed (%s); the rule is used instead", llm.name(), e.getMessage());
            return fallback.rewrite(question, history, language, deadline);
        }
        String rewritten = clean(text);
        if (rewritten.isEmpty() || rewritten.length() > maxQuestionChars || Prompts.isRefusal(rewritten)) {
            LOG.debugf("The model's rewrite of a follow-up was unusable (%d characters); the rule is used instead",
                    rewritten.length());
            return fallback.rewrite(question, history, language, deadline);
        }
        if (rewritten.equals(question.strip())) return Standalone.unchanged(question);
        return new Standalone(rewritten, Standalone.Method.LLM, List.of());
    }

    /** The first non-empty line, without a label or quotes the model may add. */
    static String clean(String text) {
        if (text == null) return "";
        for (String line : text.strip().split("\\R")) {
            String l = line.strip();
            for (String label : List.of("독립된 질문:", "질문:", "standalone question:", "question:")) {
                if (l.toLowerCase(Locale.ROOT).startsWith(label)) l = l.substring(label.length()).strip();
            }
            l = l.replaceAll("^[\"'“”‘’`]+|[\"'“”‘’`]+$", "").strip();
            if (!l.isEmpty()) return l;
        }
        return "";
    }
}
