package dev.jikji.rag;

import dev.jikji.language.Language;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.TextTerms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule that makes follow-ups standalone without an LLM, on the real analyzer with uniform term weights. */
class FollowUpRuleTest {

    private final FollowUpRule rule = new FollowUpRule(TextTerms.of(JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB"))),
            terms -> Map.of(), 4);

    private Standalone rewrite(String question, String... earlier) {
        List<Turn> history = java.util.Arrays.stream(earlier).map(q -> new Turn(q, "")).toList();
        return rule.rewrite(question, history, Language.KOREAN, Long.MAX_VALUE);
    }

    @Test
    void anEllipticalFollowUpCarriesTheEarlierQuestionsTopicalTermsInTheirSpelling() {
        Standalone s = rewrite("표는요?", "코드 블록 하나가 최대 청크 크기를 넘으면 어떻게 처리되나요?");
        assertThat(s.method()).isEqualTo(Standalone.Method.RULE);
        assertThat(s.question()).startsWith("표는요? (");
        // one own term, so at most twice its weight is carried (uniform weights: two terms)
        assertThat(s.carried()).hasSize(2);
        assertThat(s.carried()).allMatch(t -> "코드 블록 하나가 최대 청크 크기를 넘으면 어떻게 처리되나요?".contains(t));
        assertThat(s.carried()).doesNotContain("어떻게", "넘", "처리되");
    }

    @Test
    void aSelfContainedQuestionIsLeftAlone() {
        assertThat(rewrite("KV 캐시를 쓰면 왜 디코딩이 빨라지나요?", "API 키 교체 주기는 어떻게 되나요?"))
                .isEqualTo(Standalone.unchanged("KV 캐시를 쓰면 왜 디코딩이 빨라지나요?"));
        assertThat(rewrite("How should a sentence backed by two sources be cited?", "How often do we ship a regular release?")
                .method()).isEqualTo(Standalone.Method.NONE);
        assertThat(rewrite("표는요?").method()).isEqualTo(Standalone.Method.NONE);
    }

    @Test
    void aMarkedFollowUpThatSaysMuchKeepsTheLargerSay() {
        // four topical terms of its own and a word pointing back: carried weight at most its own
        Standalone s = rewrite("그럼 보안 사고 보고서는 언제까지요?", "패키지끼리 참조할 때 지켜야 하는 의존 방향이 어떻게 돼요?");
        assertThat(s.method()).isEqualTo(Standalone.Method.RULE);
        assertThat(s.carried().size()).isBetween(1, 4);
    }

    @Test
    void aFollowUpOfAFollowUpReachesBackToTheTopic() {
        Standalone s = rewrite("그럼 어떻게 해요?", "API 키 교체 주기는 어떻게 되나요?", "옛 키는요?");
        assertThat(s.method()).isEqualTo(Standalone.Method.RULE);
        assertThat(s.carried()).contains("API").hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void wordsThatPointBack() {
        assertThat(FollowUpRule.pointsBack("그럼 교체 기간에는?")).isTrue();
        assertThat(FollowUpRule.pointsBack("그걸 지웠으면 어디에 기록해요?")).isTrue();
        assertThat(FollowUpRule.pointsBack("외부 협력사 키에는요?")).isTrue();
        assertThat(FollowUpRule.pointsBack("And who approves it?")).isTrue();
        assertThat(FollowUpRule.pointsBack("What about hotfixes?")).isTrue();
        assertThat(FollowUpRule.pointsBack("How is a canary release rolled back?")).isFalse();
        assertThat(FollowUpRule.pointsBack("청크 하나의 목표 크기는 몇 토큰인가요?")).isFalse();
    }

    @Test
    void theLlmRewriteIsReducedToOneQuestionLine() {
        assertThat(LlmQuestionRewriter.clean("독립된 질문: \"API 키 교체 기간은?\"\n설명…")).isEqualTo("API 키 교체 기간은?");
        assertThat(LlmQuestionRewriter.clean("\n\nStandalone question: How is a canary rolled back?")).isEqualTo("How is a canary rolled back?");
        assertThat(LlmQuestionRewriter.clean("  ")).isEmpty();
    }
}
