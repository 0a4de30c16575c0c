package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> split(String text) {
        return SentenceSplitter.sentences(text);
    }

    @Test
    void splitsKoreanDeclarativeEndingWithPeriod() {
        assertThat(split("검색은 두 단계로 진행한다. 다음 단계에서 결과를 합친다."))
                .containsExactly("검색은 두 단계로 진행한다.", "다음 단계에서 결과를 합친다.");
    }

    @Test
    void splitsPoliteEndingAndQuestion() {
        assertThat(split("문서를 먼저 올려요. 그다음에 검색해요! 결과가 맞을까? 아마 그럴 거예요."))
                .containsExactly("문서를 먼저 올려요.", "그다음에 검색해요!", "결과가 맞을까?", "아마 그럴 거예요.");
    }

    @Test
    void splitsEnglishSentences() {
        assertThat(split("The index is on disk. Searches are fast! Is it durable? Yes."))
                .containsExactly("The index is on disk.", "Searches are fast!", "Is it durable?", "Yes.");
    }

    @Test
    void doesNotSplitInsideDecimalsAndVersions() {
        assertThat(split("버전 v2.1에서는 응답이 3.5초 걸린다. Version 1.0.3 is older."))
                .containsExactly("버전 v2.1에서는 응답이 3.5초 걸린다.", "Version 1.0.3 is older.");
    }

    @Test
    void keepsAbbreviationFollowedByLowerCaseWhole() {
        assertThat(split("Use a small model, e.g. this one. It is enough."))
                .containsExactly("Use a small model, e.g. this one.", "It is enough.");
    }

    @Test
    void initialsAreNotSentenceEnds() {
        assertThat(split("In 1973, Nixon named William E. Simon as the first Administrator. E.I. du Pont made powder."))
                .containsExactly("In 1973, Nixon named William E. Simon as the first Administrator.", "E.I. du Pont made powder.");
        assertThat(split("전구의 고안자는 아돌프 A. 샬렛이다. 그는 발명가였다."))
                .containsExactly("전구의 고안자는 아돌프 A. 샬렛이다.", "그는 발명가였다.");
    }

    @Test
    void closingQuotesAndBracketsStayWithTheirSentence() {
        assertThat(split("He said \"Stop.\" Then he left. (This was late.) 그는 “끝났다.” 그리고 떠났다."))
                .containsExactly("He said \"Stop.\"", "Then he left.", "(This was late.)", "그는 “끝났다.”",
                        "그리고 떠났다.");
    }

    @Test
    void splitsKoreanLinesEndingInFinalEndingWithoutPunctuation() {
        assertThat(split("설치는 간단하다\n설정 파일을 고친다\n서버를 다시 시작해요\n잘 되나요"))
                .containsExactly("설치는 간단하다", "설정 파일을 고친다", "서버를 다시 시작해요", "잘 되나요");
    }

    @Test
    void doesNotSplitWrappedLineThatDoesNotEndInAFinalEnding() {
        // a paragraph wrapped in the middle of a sentence stays one sentence
        assertThat(split("청크 크기는 토큰으로\n센다. The chunk is\nmeasured in tokens."))
                .containsExactly("청크 크기는 토큰으로\n센다.", "The chunk is\nmeasured in tokens.");
    }

    @Test
    void windowsLineBreaksAfterKoreanEnding() {
        assertThat(split("첫 줄이다\r\n둘째 줄이다\r\n"))
                .containsExactly("첫 줄이다", "둘째 줄이다");
    }

    @Test
    void spansPointAtTheSentencesAndExcludeSurroundingWhitespace() {
        String text = "  첫 문장이다.   Second one?\n\n셋째 줄이다\n마지막  ";
        List<int[]> spans = SentenceSplitter.split(text);
        assertThat(spans).hasSize(4);
        int previousEnd = 0;
        for (int[] s : spans) {
            assertThat(s[0]).isGreaterThanOrEqualTo(previousEnd);
            assertThat(s[1]).isGreaterThan(s[0]);
            String sentence = text.substring(s[0], s[1]);
            assertThat(sentence).isEqualTo(sentence.strip());
            assertThat(text.substring(previousEnd, s[0])).isBlank();
            previousEnd = s[1];
        }
        assertThat(text.substring(previousEnd)).isBlank();
        assertThat(SentenceSplitter.sentences(text)).containsExactly("첫 문장이다.", "Second one?", "셋째 줄이다", "마지막");
    }

    @Test
    void ellipsisAndRepeatedMarksEndOneSentence() {
        assertThat(split("기다렸다... 정말?! 네."))
                .containsExactly("기다렸다...", "정말?!", "네.");
    }

    @Test
    void emptyAndBlankTextHaveNoSentences() {
        assertThat(SentenceSplitter.split("")).isEmpty();
        assertThat(SentenceSplitter.split(" \n\t ")).isEmpty();
    }

    @Test
    void textWithoutTerminatorIsOneSentence() {
        assertThat(split("마침표 없는 문장")).containsExactly("마침표 없는 문장");
    }
}
