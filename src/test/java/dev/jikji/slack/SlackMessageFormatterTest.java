package dev.jikji.slack;

import dev.jikji.language.Language;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.jikji.rag.Abstention;
import dev.jikji.rag.AnswerMode;
import dev.jikji.rag.AskResult;
import dev.jikji.rag.Prompts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageFormatterTest {

    private final SlackMessageFormatter formatter = new SlackMessageFormatter();

    private static AskResult answered(String answer, Language language, List<AskResult.Citation> citations) {
        return new AskResult(answer, citations, null, null, AnswerMode.EXTRACTIVE, language,
                new AskResult.Models("e5", "builtin", "extractive", "cpu"), new AskResult.Timings(1, 1, 1, null, 3),
                List.of(), new AskResult.CitationCheck(citations.size(), List.of()), false);
    }

    private static AskResult.Citation citation(int n, String title, String source, List<String> headings, Integer page) {
        return new AskResult.Citation(n, "doc" + n, "doc" + n + "#0", title, source, headings, page, "quote");
    }

    private static String text(List<SlackMessage> messages) {
        StringBuilder b = new StringBuilder();
        for (SlackMessage m : messages) for (LayoutBlock block : m.blocks()) {
            if (block instanceof SectionBlock s) b.append(s.getText().getText()).append('\n');
        }
        return b.toString();
    }

    @Test
    void answerKeepsItsMarkersAndListsNumberedSourcesLinkingUrls() {
        AskResult r = answered("키는 90일마다 교체한다 [1]. 옛 키는 7일 동안 유효하다 [2].", Language.KOREAN, List.of(
                citation(1, "보안 및 접근 정책", "https://wiki.example.com/security", List.of("보안 및 접근 정책", "API 키 관리"), null),
                citation(2, "운영 런북", "docs-corpus/jikji-runbook.md", List.of("운영 런북", "키", "교체"), 3)));
        List<SlackMessage> messages = formatter.answer(r, "C1/1.2", null);
        assertThat(messages).hasSize(1);
        String text = text(messages);
        assertThat(text).contains("키는 90일마다 교체한다 [1]. 옛 키는 7일 동안 유효하다 [2].");
        assertThat(text).contains("*출처*\n[1] <https://wiki.example.com/security|보안 및 접근 정책> › API 키 관리\n"
                + "[2] *운영 런북* › 키 › 교체 (p. 3)");
        assertThat(messages.getFirst().text()).startsWith("키는 90일마다");
        ActionsBlock actions = (ActionsBlock) messages.getFirst().blocks().getLast();
        assertThat(actions.getElements()).extracting(e -> ((ButtonElement) e).getActionId())
                .containsExactly(SlackMessageFormatter.FEEDBACK_UP, SlackMessageFormatter.FEEDBACK_DOWN);
        assertThat(actions.getElements()).extracting(e -> ((ButtonElement) e).getValue()).containsOnly("C1/1.2");
    }

    @Test
    void englishAnswersGetEnglishLabelsAndControlCharactersAreEscaped() {
        AskResult r = answered("Use <b> & roll back [1].", Language.ENGLISH, List.of(citation(1, null, "ftp://x/y", List.of(), null)));
        String text = text(formatter.answer(r, "id", "How is a canary rolled back?"));
        assertThat(text).contains("Use &lt;b&gt; &amp; roll back [1].").contains("*Sources*\n[1] *doc1*");
        assertThat(SlackMessageFormatter.isWebUrl("ftp://x/y")).isFalse();
        assertThat(SlackMessageFormatter.isWebUrl("https://wiki.example.com/a b")).isFalse();
        assertThat(SlackMessageFormatter.isWebUrl("http://wiki/page")).isTrue();
    }

    @Test
    void aFollowUpSaysWhatItWasSearchedAs() {
        AskResult r = answered("답 [1].", Language.KOREAN, List.of(citation(1, "T", null, List.of(), null)));
        SlackMessage m = formatter.answer(r, "id", "옛 키는요? (API 주기)").getFirst();
        assertThat(m.blocks().getFirst()).isInstanceOf(com.slack.api.model.block.ContextBlock.class);
        assertThat(((com.slack.api.model.block.composition.MarkdownTextObject)
                ((com.slack.api.model.block.ContextBlock) m.blocks().getFirst()).getElements().getFirst()).getText())
                .isEqualTo("↪ 이전 대화를 이어서 찾았습니다: _옛 키는요? (API 주기)_");
    }

    @Test
    void abstentionIsClearlyWordedAndListsTheNearestSources() {
        AskResult r = new AskResult(Prompts.abstention(Language.KOREAN), List.of(), Abstention.GATE, "coverage", AnswerMode.EXTRACTIVE, Language.KOREAN,
                new AskResult.Models("e5", "builtin", "extractive", "cpu"), new AskResult.Timings(1, 1, 0, null, 2),
                List.of(new AskResult.SourceRef(1, "menu", "menu#0", "식당 안내", "https://intra/menu", List.of("식당 안내", "위치"), null, 0.1, null)),
                null, false);
        String text = text(formatter.answer(r, "id", null));
        assertThat(text).startsWith(":warning: 문서에서 이 질문의 답을 찾지 못했습니다.");
        assertThat(text).contains("*관련이 있을 수 있는 문서*\n[1] <https://intra/menu|식당 안내> › 위치").doesNotContain("*출처*");

        AskResult en = new AskResult(Prompts.abstention(Language.ENGLISH), List.of(), Abstention.GATE, "coverage", AnswerMode.EXTRACTIVE, Language.ENGLISH, r.models(),
                r.timings(), List.of(), null, false);
        assertThat(text(formatter.answer(en, "id", null)))
                .startsWith(":warning: I could not find the answer to this question in the documents.")
                .doesNotContain("Nearest sources");
    }

    @Test
    void aLongAnswerIsSplitIntoSectionsWithinSlacksLimits() {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; answer.length() < 7_500; i++) answer.append("문장 번호 ").append(i).append("은 출처에 근거한다 [1]. ");
        AskResult r = answered(answer.toString().strip(), Language.KOREAN, List.of(citation(1, "T", null, List.of(), null)));
        List<SlackMessage> messages = formatter.answer(r, "id", null);
        assertThat(messages).hasSize(1);
        List<SectionBlock> sections = messages.getFirst().blocks().stream()
                .filter(SectionBlock.class::isInstance).map(SectionBlock.class::cast).toList();
        assertThat(sections).hasSize(4); // 3 answer parts + sources
        for (SectionBlock s : sections) assertThat(s.getText().getText().length()).isLessThanOrEqualTo(3000);
        // cut at sentence ends, nothing lost or repeated
        String joined = String.join(" ", sections.subList(0, 3).stream().map(s -> s.getText().getText()).toList());
        assertThat(joined).isEqualTo(answer.toString().strip());
        assertThat(sections.get(0).getText().getText()).endsWith("[1].");
        assertThat(messages.getFirst().text().length()).isLessThanOrEqualTo(300);
    }

    @Test
    void anAnswerBeyondOneMessageContinuesInMoreMessagesWithTheButtonsLast() {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; answer.length() < 40_000; i++) answer.append("Sentence ").append(i).append(" is supported [1]. ");
        AskResult r = answered(answer.toString().strip(), Language.ENGLISH, List.of(citation(1, "T", null, List.of(), null)));
        List<SlackMessage> messages = formatter.answer(r, "id", null);
        assertThat(messages.size()).isGreaterThanOrEqualTo(4);
        for (SlackMessage m : messages) {
            assertThat(m.blocks().size()).isLessThanOrEqualTo(50);
            int chars = m.blocks().stream().filter(SectionBlock.class::isInstance)
                    .mapToInt(b -> ((SectionBlock) b).getText().getText().length()).sum();
            assertThat(chars).isLessThanOrEqualTo(12_000);
        }
        assertThat(messages.get(1).text()).isEqualTo("(answer continued)");
        assertThat(messages.getLast().blocks().getLast()).isInstanceOf(ActionsBlock.class);
        assertThat(text(messages).replace("\n", " ")).contains("Sentence 0 is").contains("*Sources*");
    }

    @Test
    void theBlockLimitSplitsMessagesToo() {
        SlackMessageFormatter small = new SlackMessageFormatter(40, 5, 100_000);
        List<AskResult.Citation> citations = new ArrayList<>();
        for (int n = 1; n <= 3; n++) citations.add(citation(n, "Title " + n, null, List.of(), null));
        AskResult r = answered("One sentence here [1]. Another one there [2]. A third one too [3]. And a fourth [1].", Language.ENGLISH, citations);
        List<SlackMessage> messages = small.answer(r, "id", null);
        for (SlackMessage m : messages) assertThat(m.blocks().size()).isLessThanOrEqualTo(5);
        assertThat(messages.size()).isGreaterThan(1);
    }

    @Test
    void splitPrefersBoundariesAndNeverBreaksEntitiesOrSurrogates() {
        assertThat(SlackMessageFormatter.split("aaaa bbbb cccc", 9)).containsExactly("aaaa bbbb", "cccc");
        assertThat(SlackMessageFormatter.split("first para.\n\nsecond para.", 20)).containsExactly("first para.", "second para.");
        assertThat(SlackMessageFormatter.split("x".repeat(7) + "&amp;yyy", 10)).containsExactly("x".repeat(7), "&amp;yyy");
        String emoji = "x".repeat(9) + "😀" + "y";
        List<String> parts = SlackMessageFormatter.split(emoji, 10);
        assertThat(String.join("", parts)).isEqualTo(emoji);
        assertThat(parts.getFirst()).isEqualTo("x".repeat(9));
    }

    @Test
    void markdownFromAGeneratorBecomesSlackMrkdwn() {
        assertThat(SlackMessageFormatter.mrkdwn("## 교체 주기\n키는 **90일**마다 교체한다 [1]. 자세히는 [정책](https://wiki.example.com/a?b=1&c=2) [2]."))
                .isEqualTo("*교체 주기*\n키는 *90일*마다 교체한다 [1]. 자세히는 <https://wiki.example.com/a?b=1&c=2|정책> [2].");
        assertThat(SlackMessageFormatter.mrkdwn("a < b && [1] (see [2])")).isEqualTo("a &lt; b &amp;&amp; [1] (see [2])");
    }

    @Test
    void channelGroupsMatchWhateverCaseTheEnvironmentGave() {
        // JIKJI_SLACK_CHANNEL_GROUPS_CAAAA=A reaches the configuration map lower-cased
        var groups = SlackAnswerer.channelGroups(java.util.Map.of("caaaa", "A,B"));
        assertThat(groups.get("CAAAA")).containsExactlyInAnyOrder("A", "B");
        assertThat(groups.get("caaaa")).containsExactlyInAnyOrder("A", "B");
        assertThat(groups.get("CBBBB")).isNull();
    }
}
