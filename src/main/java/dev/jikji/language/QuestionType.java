package dev.jikji.language;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, read from its wording (Korean and English), and what a sentence
 * that gives such an answer tends to contain. The extractive answerer prefers sentences whose words fit the
 * type (a sentence with a number for "몇 개", a causal ending for "왜") and looks for a short answer span only
 * for the factoid types. The first type whose cue matches wins, so the order of the constants matters:
 * "…하면 어떻게 되나요" asks for a consequence before it asks for a method, while "주기는 어떻게 되나요"
 * (no condition) asks for the value. A Korean question with no question word ("…에 당선된 해는?") is typed by the
 * noun it ends with.
 */
public enum QuestionType {

    /** "왜", "이유", "why": an explanation. */
    WHY(cue("(?<![가-힣])(?:왜(?!곡)|이유|까닭|원인|계기|어째서)|\\bwhy\\b|\\breasons?\\b|how come"),
            marker("때문|위해|위한|므로|니까|덕분|탓|따라서|그래서|그러므로|이유는|원인은|해야|으려면|려면|않아서|없어서|있어서|해서|라서|되어서|면 |\\bbecause\\b|\\bsince\\b|\\bso that\\b|\\bso\\b|\\btherefore\\b|\\bto avoid\\b|\\bin order\\b|\\bas a result\\b|\\bwhich is why\\b|\\bcaus|\\bwould\\b|\\bonly\\b"),
            false),
    /** "차이", "다른가", "difference": a contrast. */
    DIFFERENCE(cue("차이|다른가|다른 점|다르|비교|\\bdiffer|\\bversus\\b|\\bvs\\.?\\b|compared? (?:to|with)"),
            marker("반면|반대로|대신|보다|와 달리|과 달리|차이|다만|하지만|그러나|\\bwhereas\\b|\\bwhile\\b|\\bunlike\\b|\\binstead\\b|\\bthan\\b|\\bbut\\b"),
            false),
    /** "어떻게 되나요", "어떤 문제가 생기나요", "what happens": a consequence. */
    CONSEQUENCE(cue("(?:면|으면|때|경우|뒤|후)[^?]{0,30}(?:어떻게|어떤|무슨)|어떻게 달라|무슨 일|어떤 일|어떤 문제|어떤 영향|영향이|생기나|생기는|일어나|what happens|what happened|what went wrong|\\beffect\\b|\\bimpact\\b|\\bconsequence"),
            marker("면 |으면|하면|되면|경우|그러면|결과|된다|진다|커진다|줄어든다|떨어진다|생긴다|난다|않는다|없다|\\bif\\b|\\bwhen\\b|\\bthen\\b|\\bresult|\\bcaus|\\bwould\\b|\\bbecame\\b|\\bmade\\b"),
            false),
    /** "누가", "who": a person, a role or a team. */
    WHO(cue("누가|누구|담당자|어느 팀|어떤 팀|\\bwho\\b|\\bwhom\\b|\\bwhose\\b"),
            marker("팀|담당|엔지니어|사람|당번|리드|\\bteam\\b|\\bengineer|\\bowner|\\bcaptain\\b|\\blead\\b|\\b[A-Z][a-z]+ [A-Z][a-z]+"),
            true),
    /** "언제", "주기", "when", "how long": a date, a time or a duration. */
    WHEN(cue("언제|며칠|몇 시|몇 일|몇일|몇 년|몇 월|기간|주기|얼마 동안|얼마나 오래|얼마 안에|얼마마다|시점|\\bwhen\\b|what time|what year|which year|how long|how often|what date"),
            marker(TimeUnits.PATTERN + "|매일|매주|매달|매년|마다|동안|이내|전까지|경우에만|때만|때에만|\\bonly (?:if|when|after)\\b|\\bunless\\b|\\bdaily\\b|\\bweekly\\b|\\bevery\\b|\\b(?:19|20)\\d\\d\\b|\\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\\b"),
            true),
    /** "몇", "얼마", "how many": a number, mostly with a unit. */
    HOW_MANY(cue("몇|얼마|크기는|비율|개수|횟수|\\bhow (?:many|much|large|big|far|fast)\\b|\\bwhat (?:percentage|number|size)\\b"),
            marker("\\d"),
            true),
    /** "어디", "where": a place, a path, a channel. */
    WHERE(cue("어디|어느 곳|경로|위치|\\bwhere\\b"),
            marker("`|/|#|디렉터리|폴더|채널|파일|아래|\\bin\\b|\\bat\\b|\\bunder\\b"),
            true),
    /** "어떻게", "방법", "how": a method or steps. */
    HOW(cue("어떻게|어떤 식|방법|절차|순서|하려면|\\bhow\\b"),
            marker("면 |으면|하려면|먼저|다음|그다음|절차|순서|뒤에|후에|까지|해서|으로|로 |\\bby\\b|\\bfirst\\b|\\bthen\\b|\\bstep|\\busing\\b|\\buse\\b|\\brun\\b|\\bset\\b"),
            false),
    /** "무엇", "어떤", "what", "which": a term or a name. */
    WHAT(cue("무엇|뭐|뭔|무슨|어떤|어느|이름|\\bwhat\\b|\\bwhich\\b|\\bname\\b"),
            marker("`|\"|“|'|\\([A-Za-z]|[A-Z]{2,}|이란|란 |이다|는 .+다"),
            true),
    /** Nothing recognised. */
    OTHER(cue("$^"), marker("$^"), false);

    private final Pattern cue;
    private final Pattern marker;
    private final boolean factoid;

    QuestionType(Pattern cue, Pattern marker, boolean factoid) {
        this.cue = cue;
        this.marker = marker;
        this.factoid = factoid;
    }

    /** The type of {@code question}: the first constant whose cue occurs in it. */
    public static QuestionType of(String question) {
        String q = question.toLowerCase(Locale.ROOT);
        for (QuestionType t : ORDER) {
            if (t.cue.matcher(q).find()) return t;
        }
        return byFinalNoun(q);
    }

    /**
     * "…에 당선된 해는?", "…를 고안한 사람은?", "…가 태어난 곳은?", "…가 얻은 석 수는?": a Korean question
     * written as a noun phrase has no question word; the noun it ends with says what is asked. A one-syllable
     * noun must be a word of its own ("해는", not "이해는"); a longer one may end a compound ("상대국가는").
     */
    private static final List<Map.Entry<QuestionType, Pattern>> FINAL_NOUN = List.of(
            Map.entry(WHEN, finalNoun("해|날|때|달", "년도|연도|날짜|시기|시간|시각|연대|세기|일자|년|월")),
            Map.entry(WHO, finalNoun("이", "사람|인물|선수|감독|저자|작가|작곡가|대통령|황제|왕|아버지|어머니|부모|남편|아내|아들|딸|배우|가수|주인공|설립자|창시자|창립자|발명자|고안자|지도자|장군|학자|회장|총리|의원|후보|멤버|상대")),
            Map.entry(HOW_MANY, finalNoun("수|표|값", "개수|갯수|숫자|인원|금액|가격|비용|순위|나이|점수|거리|길이|높이|무게|넓이|면적|인구|비율|횟수|득표수|몇")),
            Map.entry(WHERE, finalNoun("곳|섬|산|강", "장소|지역|도시|나라|국가|지방|위치|마을|출신지|고향|본사")),
            // any other noun with a topic particle ("…에서 맡은 배역은?", "…가 만든 당은?"): a thing or a term
            Map.entry(WHAT, Pattern.compile("[가-힣](?:은|는)\\s*[?？]*\\s*$")));

    private static Pattern finalNoun(String syllable, String nouns) {
        return Pattern.compile("(?:(?:^|\\s)(?:" + syllable + ")|(?:" + nouns + "))(?:은|는|이|가)?\\s*[?？]*\\s*$");
    }

    /** "…할 수 있는 정기 시간이 있나요?": whether there is a thing asks for the thing; the noun before says which. */
    private static final Pattern EXISTS = Pattern.compile("(?<=[가-힣])(?:이|가)\\s*(?:있나요|있어요|있습니까|있을까요|있는지요|있는가요?|있죠|있을까)\\s*[?？]*\\s*$");

    /** True for "…이/가 있나요?": whether there is a thing, answered by naming the thing. */
    public static boolean asksWhetherThereIs(String question) {
        return EXISTS.matcher(question).find();
    }

    private static QuestionType byFinalNoun(String question) {
        String q = EXISTS.matcher(question).replaceFirst("");
        for (Map.Entry<QuestionType, Pattern> e : FINAL_NOUN) {
            if (e.getValue().matcher(q).find()) return e.getKey();
        }
        return OTHER;
    }

    /** "지정하지 않으면", "생략하면", "by default": the question asks for what holds when nothing is set. */
    private static final Pattern ASKS_DEFAULT = Pattern.compile(
            "(?:지정|설정|명시|입력|선택|정하|주)(?:하)?지 (?:않|않으면|않고|않은)|안 (?:하면|주면|넣으면|정하면)|생략|따로 [^?]{0,20}않|기본값|기본으로|디폴트|\\bby default\\b|\\bdefault\\b|\\bif (?:not|no|none|nothing)\\b|\\bwithout (?:setting|specifying|an?)\\b|\\bomit|\\bunset\\b");
    private static final Pattern STATES_DEFAULT = Pattern.compile("기본값|기본으로|기본 |디폴트|생략한|생략하면|지정하지 않|없으면|\\bdefault|\\bomitted\\b|\\botherwise\\b|\\bunless\\b");

    /** True when {@code question} asks what holds when nothing is set, and {@code sentence} says what the default is. */
    public static boolean defaultFits(String question, String sentence) {
        return ASKS_DEFAULT.matcher(question.toLowerCase(Locale.ROOT)).find()
                && STATES_DEFAULT.matcher(sentence.toLowerCase(Locale.ROOT)).find();
    }

    /** True when {@code sentence} contains what an answer of this type usually has (a cause, a number, …). */
    public boolean fits(String sentence) {
        return marker.matcher(this == WHO || this == WHAT ? sentence : sentence.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * True when a sentence without this type's marker can hardly answer: a number for "몇", a date or duration
     * for "언제". Names and terms have no marker reliable enough (a Korean name is just Hangul), so WHO, WHAT
     * and WHERE only get the bonus for fitting, never a penalty for not fitting.
     */
    public boolean needsMarker() {
        return this == HOW_MANY || this == WHEN;
    }

    /** Types whose answer is a short span (a name, a date, a number, a term) rather than an explanation. */
    public boolean factoid() {
        return factoid;
    }

    private static final List<QuestionType> ORDER = List.of(WHY, DIFFERENCE, CONSEQUENCE, WHO, WHEN, HOW_MANY, WHERE, HOW,
            WHAT);

    private static Pattern cue(String regex) {
        return Pattern.compile(regex);
    }

    private static Pattern marker(String regex) {
        return Pattern.compile(regex);
    }

    /** Numbers with a unit of time, shared by the WHEN marker and the span finder. */
    static final class TimeUnits {
        static final String PATTERN = "\\d+\\s*(?:일|주|개월|달|년|시간|분|초|시|월|세기|days?|weeks?|months?|years?|hours?|minutes?|seconds?)"
                + "|\\d{1,2}:\\d{2}|\\d{4}[-./]\\d{1,2}|\\d{4}년|(?:월|화|수|목|금|토|일)요일|\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day";

        private TimeUnits() {}
    }
}
