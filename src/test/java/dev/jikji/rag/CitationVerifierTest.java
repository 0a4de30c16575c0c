package dev.jikji.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.search.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationVerifierTest {

    private final TermWeights weights = TermWeights.uniform(JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB")));
    private final CitationVerifier verifier = new CitationVerifier(0.5);

    private static Source source(int n, String text) {
        return new Source(n, new SearchHit(n, "doc-" + n, "doc-" + n + "#0", "문서 " + n, null, List.of(), text, null, 0.1, null));
    }

    private final List<Source> sources = List.of(
            source(1, "인접한 두 청크는 32토큰을 겹친다. 표는 행 단위로 자른다."),
            source(2, "## API 키 관리\n\n- API 키는 **90일마다** 교체한다.\n- 교체 기간에는 옛 키와 새 키가 7일 동안 함께 유효하다."));

    @Test
    void keepsSupportedCitationsAndQuotesTheSupportingSentence() {
        CitationVerifier.Verified v = verifier.verify("청크는 32토큰을 겹칩니다 [1]. 키는 90일마다 교체합니다 [2].", sources, weights);
        assertThat(v.answer()).isEqualTo("청크는 32토큰을 겹칩니다 [1]. 키는 90일마다 교체합니다 [2].");
        assertThat(v.removed()).isEmpty();
        assertThat(v.citations()).extracting(AskResult.Citation::n).containsExactly(1, 2);
        assertThat(v.citations().get(1).quote()).isEqualTo("API 키는 90일마다 교체한다.");
        assertThat(v.citations().get(0).documentId()).isEqualTo("doc-1");
    }

    @Test
    void removesACitationWhoseSourceDoesNotSayTheSentence() {
        CitationVerifier.Verified v = verifier.verify("키는 90일마다 교체합니다 [1][2].", sources, weights);
        assertThat(v.answer()).isEqualTo("키는 90일마다 교체합니다 [2].");
        assertThat(v.removed()).singleElement().satisfies(r -> {
            assertThat(r.n()).isEqualTo(1);
            assertThat(r.reason()).contains("supports");
        });
        assertThat(v.citations()).extracting(AskResult.Citation::n).containsExactly(2);
    }

    @Test
    void removesCitationsOfSourcesThatWereNotGiven() {
        CitationVerifier.Verified v = verifier.verify("청크는 32토큰을 겹칩니다 [7].", sources, weights);
        assertThat(v.answer()).isEqualTo("청크는 32토큰을 겹칩니다.");
        assertThat(v.kept()).isZero();
        assertThat(v.removed()).singleElement().satisfies(r -> assertThat(r.reason()).contains("no source [7]"));
    }

    @Test
    void aMarkerAfterTheFullStopBelongsToTheSentenceBeforeIt() {
        CitationVerifier.Verified v = verifier.verify("Keys rotate every 90 days. [1] 청크는 32토큰을 겹칩니다. [1]",
                List.of(source(1, "Keys rotate every 90 days. 인접한 두 청크는 32토큰을 겹친다.")), weights);
        assertThat(v.kept()).isEqualTo(2);
        assertThat(v.removed()).isEmpty();
    }

    @Test
    void groupedMarkersAreCheckedOneByOne() {
        CitationVerifier.Verified v = verifier.verify("키는 90일마다 교체합니다 [1, 2].", sources, weights);
        assertThat(v.answer()).isEqualTo("키는 90일마다 교체합니다 [2].");
        assertThat(v.kept()).isEqualTo(1);
    }

    @Test
    void anInventedClaimLosesItsCitation() {
        CitationVerifier.Verified v = verifier.verify("달에는 토끼가 산다고 문서에 나와 있습니다 [2].", sources, weights);
        assertThat(v.kept()).isZero();
        assertThat(v.citations()).isEmpty();
    }

    @Test
    void aMarkerInsideInlineCodeIsTextNotACitation() {
        // a quoted sentence that shows the marker syntax keeps it as written; only the marker after it is checked
        List<Source> notes = List.of(source(1, "한 문장의 출처가 둘이면 `[1][3]`처럼 쓰고 `[1, 3]`으로 쓰지 않는다."));
        CitationVerifier.Verified v = verifier.verify("한 문장의 출처가 둘이면 `[1][3]`처럼 쓰고 `[1, 3]`으로 쓰지 않는다 [1].", notes,
                weights);
        assertThat(v.answer()).isEqualTo("한 문장의 출처가 둘이면 `[1][3]`처럼 쓰고 `[1, 3]`으로 쓰지 않는다 [1].");
        assertThat(v.removed()).isEmpty();
        assertThat(v.citations()).extracting(AskResult.Citation::n).containsExactly(1);
        // outside code the same markers are citations, and [3] names no source
        assertThat(verifier.verify("한 문장의 출처가 둘이면 이렇게 쓴다 [1][3].", notes, weights).removed())
                .extracting(AskResult.Removed::n).containsExactly(3);
    }
}
