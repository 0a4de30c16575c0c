package dev.jikji.rag;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question for the name of a technical thing ("재순위에 쓰는 크로스 인코더 모델의 정확한 이름", "설정 파일의
 * 이름") is answered only by a sentence that mentions the thing and names it the way technical text writes a
 * name: as code, or as a Latin-letter identifier with a digit, a separator or an inner capital ({@code e5-small-v2},
 * {@code BM25}, {@code KoreanAnalyzer}). A sentence that describes the thing without naming it ("크로스 인코더는
 * 질문과 청크를 한 번에 읽기 때문에 정확하지만 느려서…") does not answer; when no sentence names it, the answerer
 * refuses (README "Answers", issue 17). Korean questions only: in Korean text a technical name stands out in Latin letters
 * or code, while in English a name is ordinary words ("the AKS primality test"), and a sentence often names the thing
 * without the word the question used for it ("algorithm"), so "no name here" cannot be told from the words.
 */
final class TechnicalNames {

    private static final String KOREAN_THINGS = "모델|라이브러리|파일|클래스|패키지|설정 키|설정|옵션|명령어|명령|필드|엔드포인트|테이블|함수|메서드|변수|플래그|매개변수|파라미터|헤더|브랜치|이미지|분석기|토크나이저|알고리즘|프로토콜|포맷";
    private static final Pattern KOREAN = Pattern.compile("(" + KOREAN_THINGS + ")의?\\s*(?:정확한\\s*|전체\\s*|실제\\s*)?(?:이름|명칭)");
    /**
     * Code; a word that starts with a letter and has a digit, '.', '_' or '-' inside, or a lower-upper step; or two or more
     * capitalised Latin words ("Horizontal Plus"). Not one plain word: "그래서 Jikji는 … 모델 이름을 저장해 두고" names the
     * product, not the model, and a gloss such as "재순위(reranking)" translates the Korean term.
     */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "`([^`]+)`|(?<![\\w.-])([A-Za-z](?:[A-Za-z]*[0-9._-][A-Za-z0-9._-]*[A-Za-z0-9]|[a-z]*[a-z][A-Z][A-Za-z0-9]*)"
                    + "|[A-Z][a-z]+(?: [A-Z][a-z]+)+)(?![\\w-])");

    private TechnicalNames() {}

    /** The thing whose name {@code question} asks for ("모델", "파일"), if it asks for one. */
    static Optional<String> thingNamed(String question) {
        Matcher k = KOREAN.matcher(question);
        if (k.find()) return Optional.of(k.group(1));
        return Optional.empty();
    }

    /** True when {@code sentence} mentions {@code thing} and holds a name the question does not already have. */
    static boolean names(String sentence, String thing, String question) {
        if (!sentence.toLowerCase(Locale.ROOT).contains(thing)) return false;
        String q = question.toLowerCase(Locale.ROOT);
        Matcher m = IDENTIFIER.matcher(sentence);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!q.contains(name.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }
}
