package dev.jikji.rag;

import dev.jikji.language.Language;
import dev.jikji.config.JikjiConfig;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.TextTerms;
import dev.jikji.search.QueryLanguage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Which {@link QuestionRewriter} makes follow-ups standalone: the LLM that writes the answers when there is
 * one (with the rule as its fallback), else {@link FollowUpRule}. A first question is never rewritten.
 */
@ApplicationScoped
public class FollowUps {

    private final QuestionRewriter rewriter;

    @Inject
    public FollowUps(SearchIndex index, TextTerms text, AnswerGenerators generators, JikjiConfig config) {
        QuestionRewriter rule = new FollowUpRule(text, index::idf, config.conversation().carryTerms());
        this.rewriter = generators.current() instanceof LlmAnswerGenerator llm
                ? new LlmQuestionRewriter(llm, rule, config.conversation().rewriteTimeout(), config.answer().maxQuestionChars())
                : rule;
    }

    /** {@code question} as it stands when {@code history} is empty, else made standalone. */
    public Standalone standalone(String question, List<Turn> history, long deadline) {
        if (history.isEmpty()) return Standalone.unchanged(question);
        Language language = QueryLanguage.detect(question).ofAnswer();
        return rewriter.rewrite(question, history, language, deadline);
    }
}
