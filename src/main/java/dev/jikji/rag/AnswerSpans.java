package dev.jikji.rag;

import dev.jikji.language.QuestionType;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short answer inside a quoted sentence, for factoid questions: the one number with its unit for "몇 개",
 * the one date or duration for "언제", the one path or code term for "어디"/"무엇", the one proper name for
 * "who". Confident only when exactly one such span is in the sentence and not already in the question; any
 * doubt gives nothing, so a span is always a piece of a source sentence, never made up.
 */
final class AnswerSpans {

    private static final String UNIT = "(?:%|퍼센트|배|개|건|명|번|회|차례|토큰|차원|자|글자|줄|바이트|비트|MB|GB|KB|TB|MiB|GiB|ms|밀리초|초|분|시간|일|주|주일|개월|달|년|원|달러|점|위|층|단계|장|쪽|페이지|세|킬로미터|km|미터|m|kg|톤"
            + "|percent|tokens?|times|bytes?|bits?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|points?|people|dollars?)";
    /** After a unit, Hangul that is not a particle or copula ("384차원이다" keeps 차원, "3개월" is not 3개). */
    private static final String NOT_PARTICLE = "(?<![이가은는을를의에로으와과도만인씩까부마정])";
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])\\$?\\d[\\d,]*(?:\\.\\d+)?(?:\\s?" + UNIT + "(?![a-zA-Z])(?![가-힣]" + NOT_PARTICLE + "))?(?:\\s?[~–-]\\s?\\d[\\d,]*(?:\\.\\d+)?\\s?" + UNIT + "?)?");
    private static final Pattern TIME = Pattern.compile(
            "\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{4}년(?:\\s?\\d{1,2}월)?(?:\\s?\\d{1,2}일)?|\\d{1,2}월\\s?\\d{1,2}일|\\d{1,2}:\\d{2}"
                    + "|\\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \\d{4})?"
                    + "|(?:January|February|March|April|May|June|July|August|September|October|November|December) \\d{1,2}(?:, \\d{4})?"
                    + "|(?:매|every )?\\d+\\s?(?:일|주|개월|달|년|시간|분|초|days?|weeks?|months?|years?|hours?|minutes?|seconds?)(?:마다| 동안| 이내| 안에| 전)?"
                    + "|(?:매주 |every )?(?:월|화|수|목|금|토|일)요일|(?:every (?:second )?)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                    + "|\\b(?:1[5-9]|20)\\d\\d\\b");
    private static final Pattern CODE = Pattern.compile("`([^`]{1,60})`");
    private static final Pattern PATH = Pattern.compile("https?://\\S+|(?<![\\w/])/[\\w.-]+(?:/[\\w.{}-]+)+|#[a-z][\\w-]{2,}");
    private static final Pattern NAME = Pattern.compile("(?<=\\S )(?:[A-Z][a-z]+)(?: (?:[A-Z][a-z]+|of|de|von|van))*(?: [A-Z][a-z]+)");
    private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{1,40})[\"”]");

    private AnswerSpans() {}

    /** The span of {@code sentence} that answers {@code question} of {@code type}, when exactly one candidate is there. */
    static Optional<String> find(QuestionType type, String question, String sentence) {
        Set<String> found = new LinkedHashSet<>();
        switch (type) {
            case HOW_MANY -> collect(NUMBER, 0, sentence, found);
            case WHEN -> collect(TIME, 0, sentence, found);
            case WHERE -> {
                collect(PATH, 0, sentence, found);
                if (found.isEmpty()) collect(CODE, 1, sentence, found);
            }
            case WHAT -> {
                collect(CODE, 1, sentence, found);
                if (found.isEmpty()) collect(QUOTED, 1, sentence, found);
            }
            case WHO -> collect(NAME, 0, sentence, found);
            default -> {
                return Optional.empty();
            }
        }
        String q = normal(question);
        found.removeIf(s -> s.isBlank() || q.contains(normal(s)));
        if (type == QuestionType.WHEN) dropContained(found);
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    private static void collect(Pattern p, int group, String sentence, Set<String> into) {
        Matcher m = p.matcher(sentence);
        while (m.find()) into.add(m.group(group).strip().replaceAll("[.,;:)]+$", ""));
    }

    /** "매일 04:00" and "04:00" are one answer: keep the longest of spans that contain one another. */
    private static void dropContained(Set<String> spans) {
        spans.removeIf(s -> spans.stream().anyMatch(o -> o.length() > s.length() && o.contains(s)));
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }
}
