package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jikji.search.synonyms}: rules written as people write, folded on analysed terms, in a real on-disk index. */
class SearchSynonymsTest {

    private static final JikjiAnalyzer PLAIN = JikjiAnalyzerTest.SHIPPED;

    @TempDir
    Path dir;

    private JikjiAnalyzer with(String rules) throws IOException {
        return PLAIN.withSynonyms(SearchSynonyms.read(JikjiAnalyzerTest.file(dir, "synonyms", rules), PLAIN));
    }

    @Test
    void inflectedKoreanAndEnglishWordsFoldOntoTheFirstWordOfTheirLine() throws IOException {
        JikjiAnalyzer a = with("""
                # death, as encyclopedias write it
                사망, 서거, 별세, 숨지다
                VPN, 가상사설망
                연가 => 연차
                """);
        assertThat(JikjiAnalyzerTest.terms(a, "1979년에 서거하였다")).containsExactly("1979", "년", "사망");
        assertThat(JikjiAnalyzerTest.terms(a, "그는 병원에서 숨졌다")).containsExactly("그", "병원", "사망");
        assertThat(JikjiAnalyzerTest.terms(a, "별세한 날")).containsExactly("사망", "날");
        // the folded term says it came from a rule, with the offsets of the word it replaced (POST /api/v1/analyze)
        List<TextTerms.Token> tokens = new java.util.ArrayList<>();
        TextTerms.of(a).forEach("별세한 날", tokens::add);
        assertThat(tokens).extracting(TextTerms.Token::term, TextTerms.Token::synonym, TextTerms.Token::start, TextTerms.Token::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("사망", true, 0, 2), org.assertj.core.groups.Tuple.tuple("날", false, 4, 5));
        assertThat(tokens.get(0).leftPos()).isNull();
        assertThat(tokens.get(1).leftPos()).isNotNull();
        // a multi-morpheme word folds as a whole; English goes through the English chain first (VPNs → vpn)
        assertThat(JikjiAnalyzerTest.terms(a, "가상사설망에 접속")).containsExactly("vpn", "접속");
        assertThat(JikjiAnalyzerTest.terms(a, "Connect both VPNs")).containsExactly("connect", "both", "vpn");
        // one way: 연가 becomes 연차, 연차 stays
        assertThat(JikjiAnalyzerTest.terms(a, "연가 신청")).containsExactly("연차", "신청");
        assertThat(JikjiAnalyzerTest.terms(a, "연차 신청")).containsExactly("연차", "신청");
        JikjiAnalyzer king = with("즉위, 왕위에 오르다\n");
        // a word of several terms matches across the particles and endings the analysis drops between them
        assertThat(JikjiAnalyzerTest.terms(king, "세종은 왕위에 올랐다")).containsExactly("세종", "즉위");
        // words in no rule are untouched, as without a file
        assertThat(JikjiAnalyzerTest.terms(a, "색인을 생성한다")).isEqualTo(JikjiAnalyzerTest.terms(PLAIN, "색인을 생성한다"));
    }

    @Test
    void theFingerprintChangesWithTheRulesAndNotWithoutThem() throws IOException {
        assertThat(PLAIN.withSynonyms(SearchSynonyms.NONE).fingerprint()).isEqualTo(PLAIN.fingerprint());
        String one = with("재택근무, 원격근무\n").fingerprint();
        assertThat(one).isNotEqualTo(PLAIN.fingerprint()).contains("+syn:");
        // the same rules written another way (particles, spacing, comments) analyse alike: the same index
        assertThat(with("# remote\n재택근무는 ,  원격근무를\n").fingerprint()).isEqualTo(one);
        assertThat(with("재택근무, 원격근무, WFH\n").fingerprint()).isNotEqualTo(one);
        // a file of comments only changes nothing
        assertThat(with("# nothing yet\n\n").fingerprint()).isEqualTo(PLAIN.fingerprint());
    }

    @Test
    void aRuleThatCannotBeUsedIsRefusedNamingTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> with("사망, 서거\n별세, 에서\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jikji.search.synonyms").hasMessageContaining("line 2").hasMessageContaining("'에서'");
        assertThatThrownBy(() -> with("사망, , 서거\n")).hasMessageContaining("line 1").hasMessageContaining("empty word");
        assertThatThrownBy(() -> with("a => b => c\n")).hasMessageContaining("line 1").hasMessageContaining("=>");
        assertThatThrownBy(() -> with("a\\, b, c\n")).hasMessageContaining("escapes");
        assertThatThrownBy(() -> SearchSynonyms.read(dir.resolve("missing.txt"), PLAIN))
                .hasMessageContaining("jikji.search.synonyms").hasMessageContaining("missing.txt");
        Path cp949 = dir.resolve("cp949.txt");
        Files.write(cp949, "사망, 서거\n".getBytes(Charset.forName("MS949")));
        assertThatThrownBy(() -> SearchSynonyms.read(cp949, PLAIN)).hasMessageContaining("not UTF-8");
    }

    @Test
    void aHugeFileIsRefusedRatherThanLoaded() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= SearchSynonyms.MAX_RULES; i++) b.append("w").append(i).append(", x").append(i).append('\n');
        assertThatThrownBy(() -> with(b.toString())).hasMessageContaining("more than " + SearchSynonyms.MAX_RULES);
    }

    /** The BM25 leg of a real index: a question in one word finds the chunk written in the other, only with the rule. */
    @Test
    void aQuestionInOneWordFindsADocumentWrittenInTheOther() throws IOException {
        assertThat(bm25(PLAIN, "노트북은?")).isEmpty();
        JikjiAnalyzer folded = with("노트북, 랩톱, laptop\n");
        assertThat(bm25(folded, "노트북은?")).containsExactly("laptop");
        assertThat(bm25(folded, "laptops?")).containsExactly("laptop");
        assertThat(bm25(folded, "연차는?")).containsExactly("leave");
    }

    private List<String> bm25(JikjiAnalyzer analyzer, String question) {
        return LuceneIndexTest.bm25(dir.resolve("index-" + System.nanoTime()), analyzer, question,
                new String[] {"laptop", "장비", "랩톱은 퇴사할 때 총무팀에 반납한다."},
                new String[] {"leave", "휴가", "연차는 입사 첫해에 열하루까지 쓸 수 있다."});
    }
}
