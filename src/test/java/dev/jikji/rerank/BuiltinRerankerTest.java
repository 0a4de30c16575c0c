package dev.jikji.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.TextTerms;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BuiltinRerankerTest {

    private static final JikjiAnalyzer ANALYZER = JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB"));
    private static final BuiltinReranker RERANKER =
            new BuiltinReranker(TextTerms.of(ANALYZER), BuiltinReranker.TermStats.UNIFORM, BuiltinReranker.Weights.DEFAULT);

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    static TextSegment segment(String text, int fusedRank) {
        return TextSegment.from(text, new Metadata().put("title", "").put("headingPath", "").put("fusedRank", fusedRank));
    }

    static List<Double> score(String query, TextSegment... segments) {
        return RERANKER.scoreAll(List.of(segments), query).content();
    }

    @Test
    void passageCoveringAllQueryMorphemesOutranksOneCoveringFew() {
        String query = "색인 잠금 파일은 언제 지워도 되나요?";
        List<Double> s = score(query,
                segment("색인 파일의 크기는 데이터 디렉터리에서 확인한다. 파일이 많다.", 1),
                segment("잠금 파일은 색인을 잡고 있는 프로세스가 없을 때만 지운다.", 2));
        assertThat(s.get(1)).as("all of 색인, 잠금, 파일, 지우 at fused rank 2 vs two of them at rank 1").isGreaterThan(s.get(0));
    }

    @Test
    void englishCoverageUsesStems() {
        List<Double> s = score("How are canary releases rolled back?",
                segment("Release notes are written for every release. Releases happen on Tuesday.", 1),
                segment("A canary that fails is rolled back: the release is stopped and traffic returns.", 2));
        assertThat(s.get(1)).isGreaterThan(s.get(0));
    }

    @Test
    void koreanParticlesDoNotMatter() {
        assertThat(RERANKER.terms("색인을")).isEqualTo(RERANKER.terms("색인"));
        assertThat(RERANKER.terms("색인이 색인은 색인에서")).containsOnly("색인");
        List<Double> withParticle = score("색인을 다시 만드는 방법", segment("색인 다시 만들기는 재시작으로 한다.", 1));
        List<Double> bare = score("색인 다시 만드는 방법", segment("색인 다시 만들기는 재시작으로 한다.", 1));
        assertThat(withParticle).isEqualTo(bare);
        // the passage side too: the same passage with particles scores the same against the same query
        List<Double> s = score("색인 잠금", segment("색인을 잠금이 막는다", 1), segment("색인 잠금 막는다", 1));
        assertThat(s.get(0)).isEqualTo(s.get(1));
    }

    @Test
    void closeQueryTermsBeatScatteredOnes() {
        String filler = " 그리고 다른 이야기가 길게 이어진다".repeat(10);
        List<Double> s = score("벡터 양자화 메모리",
                segment("벡터" + filler + " 양자화" + filler + " 메모리", 1),
                segment("벡터 양자화는 메모리를 줄인다." + filler, 1));
        assertThat(s.get(1)).isGreaterThan(s.get(0));
    }

    @Test
    void headingMatchesCount() {
        TextSegment inHeading = TextSegment.from("설정 파일은 IT 포털에서 받는다.",
                new Metadata().put("title", "VPN 접속 안내").put("headingPath", "VPN 접속 안내 > 설치").put("fusedRank", 2));
        TextSegment elsewhere = TextSegment.from("설정 파일은 IT 포털에서 받는다.",
                new Metadata().put("title", "포털 안내").put("headingPath", "포털 안내").put("fusedRank", 1));
        List<Double> s = RERANKER.scoreAll(List.of(elsewhere, inHeading), "VPN 설정 파일").content();
        assertThat(s.get(1)).isGreaterThan(s.get(0));
    }

    @Test
    void fusedRankDecidesBetweenEqualPassagesAndQuestionWordsAreIgnored() {
        List<Double> s = score("무엇이 색인인가요?", segment("색인 설명", 3), segment("색인 설명", 1), segment("색인 설명", 2));
        assertThat(s.get(1)).isGreaterThan(s.get(2));
        assertThat(s.get(2)).isGreaterThan(s.get(0));
        assertThat(score("what is how", segment("what how", 1), segment("nothing", 2))).as("only question words: prior only")
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(RERANKER.scoreAll(List.of(), "색인").content()).isEmpty();
    }

    @Test
    void rareTermsWeighMore() {
        BuiltinReranker.TermStats stats = terms -> Map.of("색인", 0.1, "세그먼트", 5.0).entrySet().stream()
                .filter(e -> terms.contains(e.getKey())).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        BuiltinReranker r = new BuiltinReranker(TextTerms.of(ANALYZER), stats, BuiltinReranker.Weights.DEFAULT);
        List<Double> s = r.scoreAll(List.of(segment("색인 색인 색인", 1), segment("세그먼트", 2)), "색인 세그먼트").content();
        assertThat(s.get(1)).isGreaterThan(s.get(0));
        assertThat(stats.idf(Set.of("색인"))).containsOnlyKeys("색인");
    }

    static TextSegment chunk(String documentId, String text, int fusedRank) {
        return TextSegment.from(text, new Metadata().put("title", "").put("headingPath", "").put("fusedRank", fusedRank)
                .put("documentId", documentId));
    }

    /** Only the sentence features, for questions in every language. */
    static BuiltinReranker only(double sentence, double answerType) {
        BuiltinReranker.Weights w = sentenceFeatures(sentence, answerType, 0);
        return perLanguage(w, w);
    }

    /** Every other weight 0, so a feature alone decides. */
    static BuiltinReranker.Weights sentenceFeatures(double sentence, double answerType, double sentenceBigrams) {
        return new BuiltinReranker.Weights(0, 0, 0, 0, 2, 16, sentence, answerType, sentenceBigrams);
    }

    static BuiltinReranker perLanguage(BuiltinReranker.Weights others, BuiltinReranker.Weights korean) {
        return new BuiltinReranker(TextTerms.of(ANALYZER), BuiltinReranker.TermStats.UNIFORM, others, korean);
    }

    @Test
    void cachedSentencesScoreExactlyAsFreshlySplitOnes() {
        BuiltinReranker.Weights w = new BuiltinReranker.Weights(0.5, 0.3, 0.2, 1.0, 2, 16, 0.4, 0.6, 2.3);
        BuiltinReranker fresh = new BuiltinReranker(TextTerms.of(ANALYZER), BuiltinReranker.TermStats.UNIFORM, w, w, 0);
        BuiltinReranker cached = new BuiltinReranker(TextTerms.of(ANALYZER), BuiltinReranker.TermStats.UNIFORM, w, w, 1);
        List<TextSegment> candidates = List.of(
                chunk("a", "세종대왕은 1443년에 한글을 창제했다. 반포는 1446년이다.", 1),
                chunk("b", "훈민정음은 글자의 이름이다. 스물여덟 자로 되어 있다.", 2),
                chunk("c", "세종대왕은 조선의 네 번째 임금이다.", 3));
        for (String query : List.of("세종대왕이 한글을 창제한 해는 언제인가?", "훈민정음은 몇 자인가?", "세종대왕은 누구인가?")) {
            List<Double> expected = fresh.scoreAll(candidates, query).content();
            // twice: the second call reads every candidate's sentences from the cache
            assertThat(cached.scoreAll(candidates, query).content()).as(query).isEqualTo(expected);
            assertThat(cached.scoreAll(candidates, query).content()).as(query).isEqualTo(expected);
        }
    }

    @Test
    void queryTermsInOneSentenceBeatTheSameTermsSpreadOverSentences() {
        String query = "세종대왕 한글 창제 목적";
        TextSegment spread = chunk("a", "세종대왕은 조선의 임금이다. 한글은 글자이다. 창제는 오래 걸렸다. 목적은 여러 가지였다.", 1);
        TextSegment together = chunk("b", "세종대왕은 백성을 위한 목적으로 한글 창제를 이끌었다. 다른 이야기도 있다.", 2);
        List<Double> s = only(1, 0).scoreAll(List.of(spread, together), query).content();
        assertThat(s.get(1)).as("all four terms in one sentence vs one per sentence").isGreaterThan(s.get(0));
        assertThat(s.get(1)).isEqualTo(1.0);
        // with the feature off the two are equal (no other weight): the feature is what separates them
        assertThat(only(0, 0).scoreAll(List.of(spread, together), query).content()).containsExactly(0.0, 0.0);
    }

    @Test
    void sentenceFeatureIsTakenPerDocument() {
        String query = "세종대왕 한글 창제";
        TextSegment best = chunk("a", "세종대왕은 한글 창제를 이끌었다.", 3);
        TextSegment sibling = chunk("a", "그 뒤의 이야기는 다른 장에서 다룬다.", 1);
        TextSegment other = chunk("b", "세종대왕은 임금이다. 한글은 글자이다.", 2);
        List<Double> s = only(1, 0).scoreAll(List.of(best, sibling, other), query).content();
        assertThat(s.get(1)).as("a chunk takes its document's best sentence").isEqualTo(s.get(0));
        assertThat(s.get(0)).isGreaterThan(s.get(2));
    }

    @Test
    void numericQuestionPrefersTheSentenceThatHoldsANumber() {
        String query = "훈민정음은 몇 년에 반포되었나?";
        TextSegment noNumber = chunk("a", "훈민정음은 세종이 반포하였다.", 1);
        TextSegment withYear = chunk("b", "훈민정음은 1446년에 반포되었다.", 2);
        List<Double> typed = only(0, 1).scoreAll(List.of(noNumber, withYear), query).content();
        assertThat(typed.get(1)).as("only the sentence with a year fits a 몇 년 question").isGreaterThan(typed.get(0));
        assertThat(typed.get(0)).isZero();
        // with the shipped split, answer type weighs on Korean questions only: an English one uses the other weights
        BuiltinReranker koreanOnly = perLanguage(sentenceFeatures(0, 0, 0), sentenceFeatures(0, 1, 0));
        assertThat(koreanOnly.scoreAll(List.of(noNumber, withYear), query).content()).isEqualTo(typed);
        List<Double> english = koreanOnly.scoreAll(
                List.of(chunk("a", "The alphabet was announced by the king.", 1), chunk("b", "The alphabet was announced in 1446.", 2)),
                "In what year was the alphabet announced?").content();
        assertThat(english).containsExactly(0.0, 0.0);
    }

    static BuiltinReranker bigramsOnly(double weight) {
        return perLanguage(sentenceFeatures(0, 0, 0), sentenceFeatures(0, 0, weight));
    }

    @Test
    void sentenceBigramsFavourTheSentenceThatCopiesTheQuestionsWording() {
        String query = "가장오래된 목조 건축물은 어디인가?";
        // the same analysed terms in both, but only one sentence holds the question's characters in a run (spaced otherwise)
        TextSegment scattered = chunk("a", "목조 건물을 짓는 일은 오래된 전통이다. 건축물 가운데 가장 큰 것은 절에 있다.", 1);
        TextSegment copied = chunk("b", "부석사 무량수전은 가장 오래된 목조 건축물로 알려져 있다.", 2);
        List<Double> s = bigramsOnly(1).scoreAll(List.of(scattered, copied), query).content();
        assertThat(s.get(1)).as("the run of the question's characters, white space aside").isGreaterThan(s.get(0));
        assertThat(s.get(1)).as("9 of the question's 14 bigrams (가장 … 축물; not 물은 … 인가)").isCloseTo(9.0 / 14, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bigramsOnly(0).scoreAll(List.of(scattered, copied), query).content()).containsExactly(0.0, 0.0);
        // an English question is scored with the other weights, which leave the feature out
        assertThat(bigramsOnly(1).scoreAll(List.of(chunk("a", "The oldest wooden building.", 1)), "Which is the oldest wooden building?")
                .content()).containsExactly(0.0);
    }

    @Test
    void sentenceBigramsAreTakenPerDocument() {
        String query = "훈민정음 반포 연도는?";
        TextSegment best = chunk("a", "훈민정음 반포 연도는 1446년이다.", 3);
        TextSegment sibling = chunk("a", "그 뒤의 이야기는 다른 장에서 다룬다.", 1);
        TextSegment other = chunk("b", "훈민정음은 글자이다.", 2);
        List<Double> s = bigramsOnly(1).scoreAll(List.of(best, sibling, other), query).content();
        assertThat(s.get(0)).isEqualTo(1.0);
        assertThat(s.get(1)).as("a chunk takes its document's best sentence").isEqualTo(s.get(0));
        assertThat(s.get(2)).isLessThan(s.get(0));
    }

    @Test
    void characterBigramsIgnoreWhiteSpaceAndTheQuestionMark() {
        assertThat(BuiltinReranker.characterBigrams("한글 창제?")).containsExactlyInAnyOrder("한글", "글창", "창제");
        assertThat(BuiltinReranker.compactShare(Set.of("한글", "창제", "반포"), BuiltinReranker.withoutWhiteSpace("한 글 창제를 이끌었다"))).isEqualTo(2.0 / 3);
    }
}
