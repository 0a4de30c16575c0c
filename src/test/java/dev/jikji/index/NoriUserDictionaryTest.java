package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jikji.search.nori-user-dictionary}: a company's own nouns after the bundled ones, in a real on-disk index. */
class NoriUserDictionaryTest {

    private static final JikjiAnalyzer PLAIN = JikjiAnalyzerTest.SHIPPED;

    @TempDir
    Path dir;

    private JikjiAnalyzer with(String entries) throws IOException {
        return PLAIN.withUserDictionary(JikjiAnalyzerTest.file(dir, "userdict", entries));
    }

    @Test
    void aProductNameNoriWouldCutStaysOneTermWithItsParticlesDropped() throws IOException {
        // unknown to mecab-ko-dic: 다온 is read as a verb form and dropped, the rest is a common noun
        assertThat(JikjiAnalyzerTest.terms(PLAIN, "다온페이로 결제")).containsExactly("오", "페이", "결제");
        JikjiAnalyzer own = with("# products\n다온페이\n");
        assertThat(JikjiAnalyzerTest.terms(own, "다온페이로 결제")).containsExactly("다온페이", "결제");
        assertThat(JikjiAnalyzerTest.terms(own, "다온페이는")).containsExactly("다온페이");
        // the bundled entries still hold (생성은 would otherwise leave only 생)
        assertThat(JikjiAnalyzerTest.terms(own, "생성은")).containsExactly("생성");
        assertThat(own.fingerprint()).isNotEqualTo(PLAIN.fingerprint());
        // a renamed file with the same entries, comments and spacing aside, is the same analysis
        Path other = dir.resolve("renamed.txt");
        Files.writeString(other, "# products, edited\n\n  다온페이\n");
        assertThat(PLAIN.withUserDictionary(other).fingerprint()).isEqualTo(own.fingerprint());
        // comments alone: the bundled analysis, the same index
        Files.writeString(other, "# our nouns, one a line\n");
        assertThat(PLAIN.withUserDictionary(other).fingerprint()).isEqualTo(PLAIN.fingerprint());
    }

    /** Nori reads 가온누리 alone as 온누리 and 가온누리는 as 가온 + 누리: a question in the bare name missed its documents. */
    @Test
    void aQuestionInTheBareNameFindsTheDocumentsThatInflectIt() throws IOException {
        assertThat(JikjiAnalyzerTest.terms(PLAIN, "가온누리")).containsExactly("온누리");
        assertThat(JikjiAnalyzerTest.terms(PLAIN, "가온누리는")).containsExactly("가온", "누리");
        assertThat(bm25(PLAIN, "가온누리")).containsExactly("other");
        JikjiAnalyzer own = with("가온누리\n");
        assertThat(JikjiAnalyzerTest.terms(own, "가온누리")).containsExactly("가온누리");
        assertThat(JikjiAnalyzerTest.terms(own, "가온누리는")).containsExactly("가온누리");
        assertThat(bm25(own, "가온누리")).containsExactly("gaon");
    }

    @Test
    void aCompoundWhosePartsDoNotSpellItIsRefusedNamingTheLine() throws IOException {
        Path file = dir.resolve("nouns.txt");
        Files.writeString(file, "# products\n가온누리\n다온페이 다온 카드\n");
        assertThatThrownBy(() -> PLAIN.withUserDictionary(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nouns.txt line 3").hasMessageContaining("do not spell 다온페이");
        // parts that spell it: the compound and its parts (discard mode keeps the parts)
        Files.writeString(file, "한빛클라우드 한빛 클라우드\n");
        assertThat(JikjiAnalyzerTest.terms(PLAIN.withUserDictionary(file), "한빛클라우드에서")).containsExactly("한빛", "클라우드");
    }

    @Test
    void aMissingFileIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> NoriUserDictionary.BUNDLED.plus(dir.resolve("missing.txt"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jikji.search.nori-user-dictionary").hasMessageContaining("missing.txt");
    }

    private List<String> bm25(JikjiAnalyzer analyzer, String question) {
        return LuceneIndexTest.bm25(dir.resolve("index-" + System.nanoTime()), analyzer, question,
                new String[] {"gaon", "사내 위키", "가온누리는 사내 위키의 이름이다. 규정은 가온누리에서 찾는다."},
                new String[] {"other", "복지", "온누리 상품권은 복지 포인트로 산다."});
    }
}
