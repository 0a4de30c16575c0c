package dev.jikji.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QaMetricsTest {

    static QaMetrics.Item item(String lang, List<String> expected, List<String> ranked, String answer, boolean abstained,
            List<String> cited) {
        return new QaMetrics.Item("q", lang, !expected.isEmpty(), expected, List.of("90일", "7일"), ranked, answer,
                abstained, cited, 10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void figuresFollowTheirDefinitions() {
        QaMetrics m = QaMetrics.of(List.of(
                // rank 1, all keywords, both citations right
                item("ko", List.of("a"), List.of("a", "b"), "키는 90일마다, 겹침은 7일 [1][2]", false, List.of("a", "a")),
                // rank 3, one keyword missing, one of two citations right
                item("ko", List.of("a"), List.of("c", "b", "a"), "키는 90일마다 [1]", false, List.of("a", "b")),
                // not found in the top 10, abstained although answerable
                item("en", List.of("a"), List.of("b"), "I could not find", true, List.of()),
                // unanswerable but answered: its citation counts as wrong, abstention wrong
                item("en", List.of(), List.of("b"), "made up [1]", false, List.of("b")),
                // unanswerable and abstained
                item("en", List.of(), List.of("b"), "I could not find", true, List.of())));
        Map<String, Object> all = (Map<String, Object>) m.summary().get("all");
        assertThat((double) all.get("recallAt1")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat((double) all.get("recallAt5")).isCloseTo(2 / 3.0, within(1e-9));
        assertThat((double) all.get("mrr")).isCloseTo((1 + 1 / 3.0) / 3, within(1e-9));
        assertThat((double) all.get("keywordHitRate")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat((double) all.get("citationPrecision")).isCloseTo(3 / 5.0, within(1e-9));
        assertThat((double) all.get("abstentionAccuracy")).isCloseTo(3 / 5.0, within(1e-9));
        assertThat((double) all.get("abstainedOnUnanswerable")).isCloseTo(0.5, within(1e-9));
        Map<String, Object> ko = (Map<String, Object>) m.summary().get("ko");
        assertThat(ko.get("questions")).isEqualTo(2);
        assertThat(m.table("t")).contains("R@1").contains("ko ").contains("en ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void answerContainmentNormalisesAndCitationsNameTheGoldPassage() {
        QaMetrics.Item contained = new QaMetrics.Item("q1", "ko", true, List.of("p#0"), List.of(), List.of("１９８９년 ２월", "x"),
                List.of("p#0"), true, "지명수배된 날은 1989 년 2월 15일이다 [1].", false, List.of("p#1", "p#0"), 5);
        QaMetrics.Item missed = new QaMetrics.Item("q2", "en", true, List.of("p#2"), List.of(), List.of("Eight Percent"),
                List.of("p#3", "p#2"), true, "It covers a tenth [1].", false, List.of("p#3"), 5);
        QaMetrics.Item abstained = new QaMetrics.Item("q3", "en", true, List.of("p#4"), List.of(), List.of("covers"),
                List.of("p#4"), true, "covers", true, List.of(), 5);
        QaMetrics.Item caseAndSpace = new QaMetrics.Item("q4", "en", true, List.of("p#5"), List.of(), List.of("Eight  Percent"),
                List.of(), true, "about eightpercent of it", false, List.of("p#5"), 5);
        Map<String, Object> all = (Map<String, Object>) QaMetrics.of(List.of(contained, missed, abstained, caseAndSpace))
                .summary().get("all");
        assertThat((double) all.get("answerContainment")).isCloseTo(2 / 4.0, within(1e-9));
        assertThat((double) all.get("citesGold")).isCloseTo(2 / 4.0, within(1e-9));
        assertThat(all).doesNotContainKey("keywordHitRate");
        assertThat((double) all.get("recallAt1")).isCloseTo(2 / 4.0, within(1e-9));
        assertThat(QaMetrics.normalise("Ａ Ｂ\tc")).isEqualTo("abc");

        QaMetrics.Item searchOnly = new QaMetrics.Item("q5", "ko", true, List.of("p#0"), List.of(), List.of("1989년"),
                List.of("p#0"), false, null, false, List.of(), 0);
        Map<String, Object> s = (Map<String, Object>) QaMetrics.of(List.of(searchOnly)).summary().get("all");
        assertThat(s).containsEntry("asked", 0).doesNotContainKey("answerContainment").doesNotContainKey("citationPrecision");
        assertThat(QaMetrics.of(List.of(searchOnly)).table("t")).contains("R@1").doesNotContain("contains");
    }
}
