package dev.jikji.rag;

import dev.jikji.language.QuestionType;
import dev.jikji.language.Language;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.search.SearchHit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extractive answerer quotes sentences that answer: never a heading, a question or an outline /
 * table-of-contents line, however well it matches the question; a question whose only matches restate it
 * is refused; a factoid question gets its short answer span, and only when there is exactly one.
 */
class ExtractiveAnswerGeneratorTest {

    private static final TermWeights WEIGHTS = TermWeights.uniform(JikjiAnalyzer.of("discard"));
    private final ExtractiveAnswerGenerator generator = new ExtractiveAnswerGenerator(0.15);

    private static Source source(int n, String text) {
        return new Source(n, new SearchHit(n, "doc-" + n, "doc-" + n + "#0", "노트 " + n, null, List.of(), text, null, 0.1, null));
    }

    private AnswerGenerator.Generation answer(String question, Source... sources) {
        List<String> streamed = new ArrayList<>();
        AnswerGenerator.Generation g = generator.generate(question, Language.KOREAN, List.of(sources), WEIGHTS, streamed::add,
                Long.MAX_VALUE);
        assertThat(String.join("", streamed)).isEqualTo(g.text());
        return g;
    }

    @Test
    void neverQuotesAHeadingAQuestionOrAnOutlineLineAsTheClaim() {
        // the lines that echo the question best are an outline, a heading, a question and a TOC entry;
        // the answer is the one plain statement
        String notes = String.join("\n",
                "## RAG가 할루시네이션을 줄이는 이유",
                "1. 왜 AI를 믿을 수 없다고 하는지(할루시네이션이 왜 생기는지)",
                "2. RAG가 할루시네이션을 줄이는 이유",
                "RAG가 할루시네이션을 줄이는 이유는 무엇일까?",
                "RAG가 할루시네이션을 줄이는 이유 .......... 12",
                "RAG가 할루시네이션을 줄이는 것은 답하기 전에 관련 문서를 찾아 근거로 보여 주기 때문이다.");
        AnswerGenerator.Generation g = answer("RAG가 할루시네이션을 줄이는 이유는 무엇인가요?", source(1, notes));
        assertThat(g.finish()).isEqualTo(AnswerGenerator.Finish.STOP);
        assertThat(g.text()).contains("근거로 보여 주기 때문").contains("[1]")
                .doesNotContain("왜 AI를 믿을 수 없다고").doesNotContain("무엇일까").doesNotContain("..........")
                .doesNotContain("## ").doesNotContain("2. RAG");
    }

    /** A table row is quoted with its column names, and the header row, which only names columns, never alone. */
    @Test
    void aTableRowIsQuotedWithItsColumnNamesAndTheHeaderRowNever() {
        String guide = String.join("\n",
                "첫 주 일정은 다음과 같다.",
                "| 요일 | 할 일 |",
                "|---|---|",
                "| 월 | 계정 발급, 노트북 설정, 저장소 클론 |",
                "| 화 | RAG 개요 문서 읽기 |",
                "| # | 비고 | 담당 |",
                "| 1 | — | 버디 |");
        // the row says 월 only: its column name is what makes it an answer to "무슨 요일"
        AnswerGenerator.Generation g = answer("노트북 설정은 첫 주 무슨 요일에 하나요?", source(1, guide));
        assertThat(g.text()).contains("요일: 월 · 할 일: 계정 발급, 노트북 설정, 저장소 클론 [1]")
                .doesNotContain("요일 · 할 일").doesNotContain("RAG 개요");
        // "월요일" is 월 + 요일 to Nori, and the 월 row answers, not its siblings that share only the column names
        // (in "요일: 월" Nori reads 월 as a bound noun: the row's own terms are taken from its cells)
        AnswerGenerator.Generation monday = answer("신입은 첫 주 월요일에 무엇을 하나요?", source(1, guide));
        assertThat(monday.text()).startsWith("요일: 월 · 할 일: 계정 발급").doesNotContain("요일: 화");
        // a row says what its column names say: "Traffic to new version: 5%" answers a question about the traffic
        String release = String.join("\n", "A new version goes out in three steps:",
                "| Step | Traffic to new version | Minimum time |", "|---|---|---|",
                "| Canary | 5% | 30 minutes |", "| Half | 50% | 2 hours |",
                "The fix ships as a new patch version that goes through every gate and the full canary again.");
        AnswerGenerator.Generation canary = generator.generate("What share of traffic goes to the new version during the canary?",
                Language.ENGLISH, List.of(source(1, release)), TermWeights.uniform(JikjiAnalyzer.of("discard")), t -> {}, Long.MAX_VALUE);
        assertThat(canary.text()).startsWith("Step: Canary · Traffic to new version: 5% · Minimum time: 30 minutes [1].")
                .doesNotContain("Step: Half");
        // a fragment gets a full stop after its marker, so the next quote is checked as a claim of its own
        assertThat(ExtractiveAnswerGenerator.cite("요일: 월 · 할 일: 계정 발급", 1)).isEqualTo("요일: 월 · 할 일: 계정 발급 [1].");
        assertThat(ExtractiveAnswerGenerator.cite("키는 90일마다 교체한다.", 2)).isEqualTo("키는 90일마다 교체한다 [2].");
        assertThat(ExtractiveAnswerGenerator.cite("say \"Write the answer in Korean.\"", 3)).isEqualTo("say \"Write the answer in Korean.\" [3]");
        // without a rule line under it a row is not a header: it stays as written, cells joined
        assertThat(SourceLines.of(guide)).extracting(SourceLines.Line::prose).containsExactly("첫 주 일정은 다음과 같다.", "",
                "", "요일: 월 · 할 일: 계정 발급, 노트북 설정, 저장소 클론", "요일: 화 · 할 일: RAG 개요 문서 읽기",
                "# · 비고 · 담당", "1 · — · 버디");
        // a "#" column is no label, an empty cell ("—") is left out
        assertThat(SourceLines.of("| # | 비고 | 담당 |\n|---|---|---|\n| 1 | — | 버디 |")).extracting(SourceLines.Line::prose)
                .containsExactly("", "", "1 · 담당: 버디");
    }

    /** A row in a later chunk of a long table: the chunker repeated the header there, so the row keeps its names. */
    @Test
    void aRowFromALaterChunkOfALongTableIsQuotedWithItsColumnNames() {
        StringBuilder table = new StringBuilder("# 휴가\n\n| 직급 | 연차 일수 |\n|---|---|\n");
        for (int i = 1; i <= 12; i++) table.append("| 직급").append(i).append(" | ").append(10 + i).append("일 |\n");
        List<dev.jikji.ingest.Chunk> chunks = new dev.jikji.ingest.Chunker(t -> t.isBlank() ? 0 : t.strip().split("\\s+").length, 24, 0)
                .chunk(new dev.jikji.ingest.MarkdownParser().parse(table.toString()));
        String later = chunks.stream().map(dev.jikji.ingest.Chunk::text).filter(t -> t.contains("| 직급9 |")).findFirst().orElseThrow();
        assertThat(later).doesNotContain("| 직급1 |");
        AnswerGenerator.Generation g = answer("직급9의 연차 일수는 며칠인가요?", source(1, later));
        assertThat(g.text()).contains("직급: 직급9 · 연차 일수: 19일 [1]");
    }

    @Test
    void aQuestionMatchedOnlyByRestatementsIsRefused() {
        String text = String.join("\n",
                "- 할루시네이션이 왜 생기는지",
                "할루시네이션이 생기는 이유",
                "할루시네이션이 생기는 이유를 알아야 한다.");
        AnswerGenerator.Generation g = answer("할루시네이션이 생기는 이유가 뭔가요?", source(1, text));
        assertThat(g.finish()).isEqualTo(AnswerGenerator.Finish.REFUSED);
        assertThat(g.text()).isEmpty();
    }

    @Test
    void aRestatementIsQuotedWithTheSentenceAfterItThatAnswers() {
        String text = "청크 크기를 토큰으로 세는 이유가 있다. 한국어 1,000자가 600토큰을 넘어 모델 한계를 초과했기 때문이다.";
        AnswerGenerator.Generation g = answer("청크 크기를 토큰으로 세는 이유는?", source(1, text));
        assertThat(g.text()).contains("600토큰을 넘어");
    }

    @Test
    void aConclusionIsQuotedWithTheReasonBeforeIt() {
        String text = "서브워드 토크나이저가 한글을 잘게 쪼개서 한국어 1,000자가 600토큰을 넘었다. 그래서 청커는 글자 수가 아니라 토큰 수로 자른다.";
        AnswerGenerator.Generation g = answer("청커가 글자 수가 아니라 토큰 수로 자르는 이유는?", source(1, text));
        assertThat(g.text()).startsWith("서브워드 토크나이저가").contains("그래서 청커는");
    }

    @Test
    void aFactoidQuestionGetsItsSpanOnlyWhenThereIsExactlyOne() {
        Source one = source(1, "API 키는 90일마다 교체한다. 교체 기간에는 옛 키와 새 키가 함께 유효하다.");
        AnswerGenerator.Generation g = answer("API 키 교체 주기는 얼마마다인가요?", one);
        assertThat(g.span()).isNotNull();
        assertThat(g.span().text()).isEqualTo("90일마다");
        assertThat(g.span().n()).isEqualTo(1);
        assertThat(one.text()).contains(g.span().text());

        // two numbers in the quoted sentence: no span rather than a guess
        Source two = source(1, "API 키는 90일마다 교체하고 옛 키는 7일 동안 더 유효하다.");
        assertThat(answer("API 키 교체 주기는 얼마마다인가요?", two).span()).isNull();
        // an explanation has no span
        assertThat(answer("API 키를 왜 교체하나요?", source(1, "키가 새어 나가도 피해가 90일을 넘지 않도록 API 키를 교체한다.")).span())
                .isNull();
    }

    @Test
    void sentenceFormsAreRecognised() {
        assertThat(SentenceForm.of("## 설치", "설치", true)).isEqualTo(SentenceForm.HEADING);
        assertThat(SentenceForm.of("1. 왜 AI를 믿을 수 없다고 하는지", "왜 AI를 믿을 수 없다고 하는지", true))
                .isEqualTo(SentenceForm.QUESTION);
        assertThat(SentenceForm.of("키는 언제 바꾸나요?", "키는 언제 바꾸나요?", true)).isEqualTo(SentenceForm.QUESTION);
        assertThat(SentenceForm.of("3장 인덱스 잠금 ........ 12", "3장 인덱스 잠금 ........ 12", true)).isEqualTo(SentenceForm.OUTLINE);
        assertThat(SentenceForm.of("- 파이프라인 단계", "파이프라인 단계", true)).isEqualTo(SentenceForm.OUTLINE);
        assertThat(SentenceForm.of("- 기본 포트: `8080`", "기본 포트: `8080`", true)).isEqualTo(SentenceForm.FRAGMENT);
        assertThat(SentenceForm.of("키는 90일마다 교체한다.", "키는 90일마다 교체한다.", true)).isEqualTo(SentenceForm.STATEMENT);
        assertThat(SentenceForm.of("Keys are rotated every 90 days.", "Keys are rotated every 90 days.", true))
                .isEqualTo(SentenceForm.STATEMENT);
        assertThat(SentenceForm.of("How canaries work", "How canaries work", true)).isEqualTo(SentenceForm.QUESTION);
    }

    @Test
    void questionTypesAreReadFromTheWording() {
        assertThat(QuestionType.of("RAG가 할루시네이션을 줄이는 이유는 무엇인가요?")).isEqualTo(QuestionType.WHY);
        assertThat(QuestionType.of("영어 전용 모델과 다국어 모델은 무엇이 다른가요?")).isEqualTo(QuestionType.DIFFERENCE);
        assertThat(QuestionType.of("접두어를 빼먹으면 어떻게 되나요?")).isEqualTo(QuestionType.CONSEQUENCE);
        assertThat(QuestionType.of("API 키 교체 주기는 어떻게 되나요?")).isEqualTo(QuestionType.WHEN);
        assertThat(QuestionType.of("벡터는 몇 차원인가요?")).isEqualTo(QuestionType.HOW_MANY);
        assertThat(QuestionType.of("Who acts as release captain?")).isEqualTo(QuestionType.WHO);
        assertThat(QuestionType.of("How is a canary rolled back?")).isEqualTo(QuestionType.HOW);
        // Korean questions written as a noun phrase: the noun they end with says what is asked
        assertThat(QuestionType.of("오세훈이 서울시장에 당선된 년도는?")).isEqualTo(QuestionType.WHEN);
        assertThat(QuestionType.of("김영삼이 서울대학교에 입학한 해는?")).isEqualTo(QuestionType.WHEN);
        assertThat(QuestionType.of("센테니얼 라이트를 고안한 사람은?")).isEqualTo(QuestionType.WHO);
        assertThat(QuestionType.of("2010년 지방선거에서 한나라당이 얻은 서울시의원 석 수는?")).isEqualTo(QuestionType.HOW_MANY);
        assertThat(QuestionType.of("우루과이와 8강에서 만난 상대국가는?")).isEqualTo(QuestionType.WHERE);
        assertThat(QuestionType.of("유아인이 좋아해줘에서 맡은 배역은?")).isEqualTo(QuestionType.WHAT);
        // a one-syllable noun only as a word of its own: "이해는" is not "해는"
        assertThat(QuestionType.of("RRF에 대한 이해는?")).isEqualTo(QuestionType.WHAT);
        assertThat(QuestionType.of("김영삼이 김종필과 협력하게 된 계기는?")).isEqualTo(QuestionType.WHY);
        assertThat(QuestionType.of("서버를 막 띄웠을 때 DOWN인데 괜찮은 건가요?")).isEqualTo(QuestionType.OTHER);
        assertThat(QuestionType.WHY.fits("입력 한계가 512 토큰이기 때문이다.")).isTrue();
        assertThat(QuestionType.HOW_MANY.fits("차원은 384다.")).isTrue();
        assertThat(QuestionType.HOW_MANY.fits("차원이 정해져 있다.")).isFalse();
    }

    @Test
    void anExplanationIsQuotedFromTheSentenceBeforeTheOneThatNamesTheTopic() {
        // the sentence that matches the question best names the topic; the reason is the sentence before it
        String text = "공백으로만 자르면 \"인덱스가\"와 \"인덱스를\"이 다른 낱말이 되어 BM25가 서로 맞추지 못한다. "
                + "한국어 필드에 Nori 형태소 분석기를 거는 것은 이 문제를 풀기 위한 설정이다. 분해 모드는 discard를 쓴다.";
        AnswerGenerator.Generation g = answer("한국어 필드에 형태소 분석기를 거는 이유는?", source(1, text));
        assertThat(g.text()).startsWith("공백으로만 자르면").contains("BM25가 서로 맞추지 못한다").contains("이 문제를 풀기 위한");
        // a factoid answer is quoted with its paragraph around it, and its span is the one number of the best sentence
        Source facts = source(1, "벡터 차원은 모델이 정한다. 기본 모델의 벡터는 384차원이다. 모델을 바꾸면 재색인한다.\n기본 포트는 8080이다.");
        AnswerGenerator.Generation f = answer("기본 모델의 벡터는 몇 차원인가요?", facts);
        assertThat(f.text()).contains("384차원").contains("모델이 정한다").doesNotContain("8080");
        assertThat(f.span()).isNotNull();
        assertThat(f.span().text()).isEqualTo("384차원");
    }

    @Test
    void aQuestionAboutWhatHappensWhenNothingIsSetPrefersTheDefault() {
        // both lines cover the question alike; the one that states the default comes first
        Source s = source(1, String.join("\n",
                "`acl`을 넣은 문서는 목록의 그룹에게 보인다.",
                "`acl`을 생략한 문서는 `all-staff` 그룹에게 보인다."));
        String text = answer("acl을 지정하지 않은 문서는 어느 그룹에게 보이나요?", s).text();
        assertThat(text).as(text).startsWith("`acl`을 생략한");
        assertThat(QuestionType.defaultFits("포트를 따로 지정하지 않으면 몇 번인가요?", "기본값은 8080이다.")).isTrue();
        assertThat(QuestionType.defaultFits("포트는 몇 번인가요?", "기본값은 8080이다.")).isFalse();
    }

    @Test
    void aWhenQuestionIsAnsweredByAConditionAsWellAsADate() {
        // "언제 지워도 되나요" asks for a condition: the sentence with 경우에만 is not penalised for lacking a date
        assertThat(QuestionType.WHEN.fits("잡고 있는 프로세스가 없다는 것을 확인한 경우에만 잠금 파일을 삭제한다.")).isTrue();
        assertThat(QuestionType.WHEN.fits("병합 전에 해결해야 할 의견이다.")).isFalse();
    }

    @Test
    void aFactoidQuestionAlsoQuotesTheFirstSourceWhenTheBestSentenceIsFromAnotherDocument() {
        // source 2 repeats the question's words without the answer; the reranker's first source has the name
        Source first = source(1, "센테니얼 라이트 전구는 셸비 일렉트릭 컴퍼니가 제작했다.");
        Source second = source(2, "센테니얼 라이트 전구를 만든 회사 이야기는 박물관 전시에서 다룬다.");
        String factoid = answer("센테니얼 라이트 전구를 만든 회사는?", first, second).text();
        assertThat(factoid).as(factoid).contains("셸비 일렉트릭 컴퍼니가 제작했다 [1]").contains("[2]");
        // for an explanation a second document's sentence is more often another topic: only the best is quoted
        Source reason = source(2, "센테니얼 라이트 전구를 만든 회사가 유명한 것은 전구가 백 년 넘게 켜져 있기 때문이다.");
        String why = answer("센테니얼 라이트 전구를 만든 회사가 왜 유명한가요?", first, reason).text();
        assertThat(why).as(why).contains("[2]").doesNotContain("[1]");
    }

    @Test
    void furtherSentencesNeedNotAddAQuestionTerm() {
        // the best sentence covers every question term; the line with the path repeats the same terms and says the
        // answer, while the third sentence adds only a term of the question ("않") and says nothing about it
        Source s = source(1, String.join("\n",
                "모든 상태는 데이터 디렉터리 한 곳에 저장된다.",
                "데이터 디렉터리: 설정 키 `jikji.data.dir`, 기본값은 작업 디렉터리 아래 `data/`"));
        String text = answer("데이터 디렉터리를 지정하지 않으면 어디에 저장되나요?", s).text();
        assertThat(text).as(text).contains("모든 상태는").contains("`data/`");
    }

    @Test
    void aQuestionForTheNameOfAThingIsAnsweredOnlyByASentenceThatNamesIt() {
        // both sentences are about the cross-encoder; neither names it: a refusal, not a description
        Source described = source(1, String.join("\n",
                "크로스 인코더 모델은 질문과 청크를 한 번에 읽기 때문에 정확하지만 느리다.",
                "재순위(reranking): 상위 후보를 크로스 인코더 모델로 다시 점수 매긴다."));
        assertThat(answer("재순위에 쓰는 크로스 인코더 모델의 정확한 이름이 뭔가요?", described).finish())
                .isEqualTo(AnswerGenerator.Finish.REFUSED);
        // the same question over a source that names it: the naming sentence is quoted
        Source named = source(1, String.join("\n",
                "크로스 인코더 모델은 질문과 청크를 한 번에 읽기 때문에 정확하지만 느리다.",
                "재순위에 쓰는 크로스 인코더 모델은 `ms-marco-MiniLM-L-6-v2`다."));
        String text = answer("재순위에 쓰는 크로스 인코더 모델의 정확한 이름이 뭔가요?", named).text();
        assertThat(text).as(text).contains("`ms-marco-MiniLM-L-6-v2`");
        assertThat(TechnicalNames.thingNamed("설정 파일의 이름은?")).contains("파일");
        // English questions are left alone: "the AKS primality test" names an algorithm in plain words
        assertThat(TechnicalNames.thingNamed("What is the name of another algorithm for testing primality?")).isEmpty();
        assertThat(TechnicalNames.thingNamed("크로스 인코더는 왜 느린가요?")).isEmpty();
        assertThat(TechnicalNames.names("기본 임베딩 모델(e5-small-v2)은 영어만 학습했다.", "모델", "모델 이름은?")).isTrue();
        assertThat(TechnicalNames.names("Jikji는 색인을 만든 모델 이름을 저장해 둔다.", "모델", "모델 이름은?")).isFalse();
        assertThat(TechnicalNames.names("BM25가 정확한 식별자를 더 잘 찾는다.", "모델", "모델 이름은?")).isFalse();
        assertThat(TechnicalNames.names("PS3판에는 Horizontal Plus라는 와이드스크린 옵션이 있다.", "옵션", "옵션의 이름은?")).isTrue();
        assertThat(TechnicalNames.names("재순위(reranking) 모델은 후보를 다시 채점한다.", "모델", "모델 이름은?")).isFalse();
    }

    @Test
    void aQuestionWhetherAThingExistsIsTypedByTheThing() {
        assertThat(QuestionType.of("아무나 편하게 질문할 수 있는 정기 시간이 있나요?")).isEqualTo(QuestionType.WHEN);
        assertThat(QuestionType.of("이 설정을 담당하는 사람이 있나요?")).isEqualTo(QuestionType.WHO);
        // "할 수 있나요" asks whether one can, not for a number
        assertThat(QuestionType.of("PDF도 검색할 수 있나요?")).isEqualTo(QuestionType.OTHER);
    }

    @Test
    void questionWordsAuxiliariesAndEmphasisAreNotTermsOfTheQuestion() {
        // "What actually terminated …", "What exactly does …": no statement says "actually" about the topic
        assertThat(ExtractiveAnswerGenerator.asked("What actually terminated the process?", WEIGHTS))
                .doesNotContain("what", "actually").isNotEmpty();
        assertThat(ExtractiveAnswerGenerator.asked("What exactly do we cite?", WEIGHTS)).doesNotContain("exactly", "we");
        // whether there is a thing: the answer names it and does not say "있다"; elsewhere "있" stays a term
        assertThat(ExtractiveAnswerGenerator.asked("질문할 수 있는 정기 시간이 있나요?", WEIGHTS)).doesNotContain("있").contains("시간");
        assertThat(ExtractiveAnswerGenerator.asked("시간이 있는 사람은?", WEIGHTS)).contains("있");
    }
}
