package dev.jikji.rag;

import dev.jikji.language.Language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.generate.ContextWindow;
import dev.jikji.search.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBudgetTest {

    /** One token per character: easy to reason about. */
    static ContextWindow chars(int window) {
        return new ContextWindow() {
            @Override
            public int contextTokens() {
                return window;
            }

            @Override
            public int countTokens(String text) {
                return text.length();
            }
        };
    }

    static Source source(int n, String text) {
        return new Source(n, new SearchHit(n, "d" + n, "d" + n + "#0", "T" + n, null, List.of(), text, null, 0, null));
    }

    private final List<Source> sources = List.of(
            source(1, "A".repeat(300)), source(2, "B. ".repeat(100)), source(3, "C".repeat(300)));

    private int fixed(String q) {
        return Prompts.system(Language.ENGLISH).length() + Prompts.user(Language.ENGLISH, q, List.of()).length() + 32;
    }

    @Test
    void everythingFitsInALargeWindow() {
        List<Source> fitted = new ContextBudget(chars(10_000), 100).fit(Language.ENGLISH, "q?", sources);
        assertThat(fitted).extracting(Source::n).containsExactly(1, 2, 3);
        assertThat(fitted.get(1).text()).isEqualTo(sources.get(1).text());
    }

    @Test
    void theSourceThatDoesNotFitIsShortenedAndLaterOnesDropped() {
        int window = fixed("q?") + 100 + Prompts.sourceBlock(sources.get(0)).length() + 150;
        List<Source> fitted = new ContextBudget(chars(window), 100).fit(Language.ENGLISH, "q?", sources);
        assertThat(fitted).extracting(Source::n).containsExactly(1, 2);
        assertThat(fitted.get(0).text()).isEqualTo(sources.get(0).text());
        Source cut = fitted.get(1);
        assertThat(cut.text()).endsWith("…").hasSizeLessThan(sources.get(1).text().length());
        assertThat(Prompts.sourceBlock(cut).length()).isLessThanOrEqualTo(150);
        assertThat(cut.text()).startsWith("B. B.");
    }

    @Test
    void promptPlusAnswerNeverExceedsTheWindow() {
        for (int window = fixed("q?") + 110; window < fixed("q?") + 1200; window += 37) {
            List<Source> fitted = new ContextBudget(chars(window), 100).fit(Language.ENGLISH, "q?", sources);
            int used = fixed("q?") + 100 + fitted.stream().mapToInt(s -> Prompts.sourceBlock(s).length()).sum();
            assertThat(used).as("window %d", window).isLessThanOrEqualTo(window);
        }
    }

    @Test
    void aQuestionThatLeavesNoRoomIsAClearError() {
        assertThatThrownBy(() -> new ContextBudget(chars(200), 100).fit(Language.ENGLISH, "q?", sources))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200-token window");
    }
}
