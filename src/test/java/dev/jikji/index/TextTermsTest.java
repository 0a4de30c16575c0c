package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TextTermsTest {

    private static final JikjiAnalyzer ANALYZER = JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB"));

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    private static List<Integer> positions(TextTerms.TermPositions p, String term) {
        List<Integer> out = new ArrayList<>();
        p.forEachPosition(term, out::add);
        return out;
    }

    @Test
    void positionsAreTheAnalysedTermsInOrderOfFirstOccurrence() {
        TextTerms.TermPositions p = TextTerms.of(ANALYZER).positions("색인을 만들고 색인은 다시 읽는다. Indexes are rebuilt.");
        assertThat(p.terms()).startsWith("색인");
        assertThat(positions(p, "색인")).hasSize(2);
        assertThat(positions(p, "index")).hasSize(1);
        assertThat(positions(p, "없는말")).isEmpty();
        assertThat(p.contains("을")).isFalse(); // particles are not terms
    }

    @Test
    void aCachedAnalysisEqualsAFreshOneAndIsReused() {
        TextTerms cached = new TextTerms(ANALYZER, 1);
        TextTerms fresh = TextTerms.of(ANALYZER);
        String text = "임계값을 넘으면 경보가 울린다. 경보는 담당자에게 간다.";
        TextTerms.TermPositions first = cached.positions(text);
        assertThat(cached.positions(new String(text.toCharArray()))).isSameAs(first);
        assertThat(fresh.positions(text)).isNotSameAs(fresh.positions(text));
        assertThat(first.terms()).containsExactlyElementsOf(fresh.positions(text).terms());
        for (String t : first.terms()) assertThat(positions(first, t)).isEqualTo(positions(fresh.positions(text), t));
    }

    @Test
    void aFullCacheStillAnswersCorrectly() {
        TextTerms tiny = new TextTerms(ANALYZER, 1); // 1 MB: many texts evict each other
        for (int i = 0; i < 3000; i++) {
            String text = ("문서 " + i + " 번째 본문은 길다. ").repeat(20);
            assertThat(tiny.positions(text).contains(Integer.toString(i))).isTrue();
        }
    }

    @Test
    void tokensCarryOffsetsAndPartsOfSpeech() {
        List<TextTerms.Token> tokens = new ArrayList<>();
        String q = "교체 기간은 얼마나 되나요?";
        TextTerms.of(ANALYZER).forEach(q, tokens::add);
        TextTerms.Token first = tokens.get(0);
        assertThat(first.term()).isEqualTo("교체");
        assertThat(q.substring(first.start(), first.end())).isEqualTo("교체");
        assertThat(first.leftPos()).isNotNull();
        assertThat(TextTerms.of(ANALYZER).sequence("경보 경보")).containsExactly("경보", "경보");
        assertThat(TextTerms.of(ANALYZER).positions("  ")).isSameAs(TextTerms.TermPositions.EMPTY);
    }
}
