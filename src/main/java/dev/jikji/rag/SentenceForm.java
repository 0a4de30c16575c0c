package dev.jikji.rag;

import java.util.regex.Pattern;

/**
 * What a line of a source is as a piece of an answer. Only {@link #STATEMENT}s and {@link #FRAGMENT}s are
 * quoted: a heading, a question or a line of an outline or table of contents names a topic without saying
 * anything about it, and quoting one as the answer only echoes the question ("왜 AI를 믿을 수 없다고
 * 하는지(할루시네이션이 왜 생기는지)").
 */
public enum SentenceForm {
    /** A sentence with a final ending or full stop: "키는 90일마다 교체한다." */
    STATEMENT,
    /** A list item, table row or label that carries a value: "기본 포트: `8080`", "목표 크기 · 256 토큰". */
    FRAGMENT,
    /** A Markdown heading, or a line written like one. */
    HEADING,
    /** A question, direct ("…인가요?") or as an indirect topic line ("…가 왜 생기는지"). */
    QUESTION,
    /** A short topic line of an outline or a table of contents, with no value in it. */
    OUTLINE;

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^\\s*#{1,6}\\s+\\S");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+•]|\\d{1,3}[.)]|[가-하][.)])\\s+");
    /** "3장 인덱스 ........ 12", "Chapter 2 … 31": a dotted leader or a page number after a title. */
    private static final Pattern TOC_LEADER = Pattern.compile("(?:\\.{3,}|…{2,}|·{3,}|_{3,})\\s*\\d{1,4}\\s*$|\\s{3,}\\d{1,4}\\s*$");
    private static final Pattern QUESTION_MARK = Pattern.compile("[?？]\\s*[)\"”’'\\]]*\\s*$");
    /** Korean indirect-question or rhetorical endings used as topic lines: "…하는지", "…인가", "…할까". */
    private static final Pattern KOREAN_QUESTION_ENDING = Pattern.compile("(?:는지|은지|인지|ㄴ지|던지|할지|을지|는가|은가|인가|나요|까요|을까|할까|일까|니까요)\\s*[)\\]]*\\s*$");
    private static final Pattern INTERROGATIVE = Pattern.compile("(?:^|\\s|\\()(?:왜|어떻게|무엇|뭐|언제|누가|누구|어디|몇|얼마|어떤|무슨)|\\b(?:why|how|what|when|who|where|which)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A final ending or full stop: the line asserts something. */
    private static final Pattern FINAL = Pattern.compile("(?:[.!。]|다|요|죠|음|함|됨|임|니다)\\s*[)\"”’'\\]]*\\s*$");
    /** Something a reader can use as a value: a digit, code, a colon or separator between label and value. */
    private static final Pattern VALUE = Pattern.compile("\\d|`|:|·|=|→|\\|");

    /**
     * @param raw the line as it stands in the source (list marker, heading marks and all)
     * @param sentence one sentence of it, cleaned of markup
     * @param wholeLine whether the sentence is all there is on its line
     */
    public static SentenceForm of(String raw, String sentence, boolean wholeLine) {
        String s = sentence.strip();
        if (MARKDOWN_HEADING.matcher(raw).find()) return HEADING;
        if (TOC_LEADER.matcher(raw.strip()).find()) return OUTLINE;
        if (QUESTION_MARK.matcher(s).find()) return QUESTION;
        boolean isFinal = FINAL.matcher(s).find();
        if (!isFinal && KOREAN_QUESTION_ENDING.matcher(s).find()) return QUESTION;
        if (isFinal) return STATEMENT;
        if (INTERROGATIVE.matcher(s).find() && !VALUE.matcher(s).find()) return QUESTION;
        boolean item = LIST_ITEM.matcher(raw).find();
        int words = s.split("\\s+").length;
        if (!VALUE.matcher(s).find() && words <= 6 && (item || wholeLine)) {
            // a short label with no value, alone on its line or as a list item: a topic, not a fact
            return item ? OUTLINE : HEADING;
        }
        return FRAGMENT;
    }

    /** True for the forms that may be quoted as an answer. */
    public boolean quotable() {
        return this == STATEMENT || this == FRAGMENT;
    }
}
