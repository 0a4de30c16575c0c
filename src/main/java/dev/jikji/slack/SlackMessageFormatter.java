package dev.jikji.slack;

import dev.jikji.language.Language;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.jikji.rag.AskResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link AskResult} as Block Kit messages: the answer with its {@code [n]} markers, the numbered sources
 * (linked when {@code source} is a URL, else title and heading path), then 👍/👎 feedback buttons. An answer
 * that does not fit Slack's limits (3,000 characters per section text, 50 blocks per message) is split into
 * several sections and, past the per-message budget, several messages.
 */
@ApplicationScoped
public class SlackMessageFormatter {

    public static final String FEEDBACK_UP = "jikji_feedback_up";
    public static final String FEEDBACK_DOWN = "jikji_feedback_down";

    /** Slack's limit on a section block's text. */
    static final int SECTION_CHARS = 3000;
    /** Slack's limit on blocks per message. */
    static final int MESSAGE_BLOCKS = 50;
    /**
     * Our own budget per message: Slack collapses long messages behind "see more" and has refused very long
     * ones, so a long answer reads better as a few messages in the thread than as one 150,000-character wall.
     */
    static final int MESSAGE_CHARS = 12_000;
    private static final int FALLBACK_CHARS = 300;

    private final int sectionChars;
    private final int messageBlocks;
    private final int messageChars;

    public SlackMessageFormatter() {
        this(SECTION_CHARS, MESSAGE_BLOCKS, MESSAGE_CHARS);
    }

    SlackMessageFormatter(int sectionChars, int messageBlocks, int messageChars) {
        this.sectionChars = sectionChars;
        this.messageBlocks = messageBlocks;
        this.messageChars = messageChars;
    }

    public static boolean korean(Language language) {
        return language == Language.KOREAN;
    }

    public SlackMessage searching(Language language) {
        String text = korean(language) ? "🔎 검색 중…" : "🔎 Searching…";
        return new SlackMessage(text, List.of(section(text)));
    }

    public SlackMessage failed(Language language) {
        String text = korean(language)
                ? ":x: 답변을 만드는 중에 오류가 났습니다. 잠시 후 다시 물어봐 주세요."
                : ":x: Something went wrong while answering. Please ask again in a moment.";
        return new SlackMessage(text, List.of(section(text)));
    }

    public SlackMessage busy(Language language) {
        String text = korean(language)
                ? ":hourglass: 지금은 질문이 너무 많아 답하지 못했습니다. 잠시 후 다시 물어봐 주세요."
                : ":hourglass: Too many questions right now; please ask again in a moment.";
        return new SlackMessage(text, List.of(section(text)));
    }

    public SlackMessage usage() {
        String text = "질문을 함께 적어 주세요. 예: `/jikji API 키 교체 주기는?` · Add your question, e.g. `/jikji How is a canary rolled back?`";
        return new SlackMessage(text, List.of(section(text)));
    }

    /**
     * @param answerId carried by the feedback buttons so a vote can be tied to this answer
     * @param searched the standalone question a follow-up was searched as, else null
     */
    public List<SlackMessage> answer(AskResult result, String answerId, String searched) {
        boolean ko = korean(result.language());
        List<LayoutBlock> blocks = new ArrayList<>();
        if (searched != null) {
            String label = ko ? "↪ 이전 대화를 이어서 찾았습니다: " : "↪ Answered as a follow-up, searched as: ";
            blocks.add(context(label + "_" + escape(oneLine(searched, 200)) + "_"));
        }
        String answerText = result.abstained() ? ":warning: " + escape(result.answer()) : mrkdwn(result.answer());
        for (String part : split(answerText, sectionChars)) blocks.add(section(part));

        List<String> lines = sourceLines(result);
        if (!lines.isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            String heading = result.abstained()
                    ? (ko ? "*관련이 있을 수 있는 문서*" : "*Nearest sources*")
                    : (ko ? "*출처*" : "*Sources*");
            StringBuilder current = new StringBuilder(heading);
            for (String line : lines) {
                for (String piece : split(line, sectionChars - heading.length() - 1)) {
                    if (current.length() + 1 + piece.length() > sectionChars) {
                        blocks.add(section(current.toString()));
                        current.setLength(0);
                    }
                    if (!current.isEmpty()) current.append('\n');
                    current.append(piece);
                }
            }
            if (!current.isEmpty()) blocks.add(section(current.toString()));
        }
        blocks.add(feedback(answerId, ko));
        return pack(blocks, fallback(result), ko);
    }

    List<String> sourceLines(AskResult result) {
        List<String> lines = new ArrayList<>();
        if (!result.abstained() && !result.citations().isEmpty()) {
            for (AskResult.Citation c : result.citations()) {
                lines.add(sourceLine(c.n(), c.title(), c.documentId(), c.source(), c.headingPath(), c.page()));
            }
        } else {
            for (AskResult.SourceRef s : result.sources()) {
                lines.add(sourceLine(s.n(), s.title(), s.documentId(), s.source(), s.headingPath(), s.page()));
            }
        }
        return lines;
    }

    static String sourceLine(int n, String title, String documentId, String source, List<String> headingPath,
            Integer page) {
        String name = title == null || title.isBlank() ? documentId : title;
        List<String> headings = headingPath == null ? List.of() : headingPath;
        // The heading path usually starts with the document's own title; saying it twice helps nobody.
        if (!headings.isEmpty() && headings.getFirst().equals(name)) headings = headings.subList(1, headings.size());
        StringBuilder b = new StringBuilder("[").append(n).append("] ");
        if (isWebUrl(source)) {
            b.append('<').append(source.replace(">", "%3E").replace("|", "%7C")).append('|')
                    .append(escape(name).replace("|", "¦")).append('>');
        } else {
            b.append('*').append(escape(name)).append('*');
        }
        if (!headings.isEmpty()) b.append(" › ").append(escape(String.join(" › ", headings)));
        if (page != null) b.append(" (p. ").append(page).append(')');
        return b.toString();
    }

    static boolean isWebUrl(String source) {
        if (source == null || source.isBlank()) return false;
        try {
            URI uri = URI.create(source.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<SlackMessage> pack(List<LayoutBlock> blocks, String fallback, boolean ko) {
        List<SlackMessage> messages = new ArrayList<>();
        List<LayoutBlock> current = new ArrayList<>();
        int chars = 0;
        for (LayoutBlock block : blocks) {
            int size = textLength(block);
            if (!current.isEmpty() && (current.size() + 1 > messageBlocks || chars + size > messageChars)) {
                messages.add(new SlackMessage(messages.isEmpty() ? fallback : continued(ko), current));
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(block);
            chars += size;
        }
        if (!current.isEmpty()) messages.add(new SlackMessage(messages.isEmpty() ? fallback : continued(ko), current));
        return messages;
    }

    private static String continued(boolean ko) {
        return ko ? "(답변 계속)" : "(answer continued)";
    }

    private static String fallback(AskResult result) {
        return escape(oneLine(result.answer(), FALLBACK_CHARS));
    }

    private static int textLength(LayoutBlock block) {
        if (block instanceof SectionBlock s && s.getText() != null) return s.getText().getText().length();
        if (block instanceof ContextBlock c) return 200;
        return 0;
    }

    private static ActionsBlock feedback(String answerId, boolean ko) {
        return ActionsBlock.builder().blockId("jikji_feedback").elements(List.of(
                ButtonElement.builder().actionId(FEEDBACK_UP).value(answerId)
                        .text(PlainTextObject.builder().text(ko ? "👍 도움이 됐어요" : "👍 Helpful").emoji(true).build()).build(),
                ButtonElement.builder().actionId(FEEDBACK_DOWN).value(answerId)
                        .text(PlainTextObject.builder().text(ko ? "👎 아니에요" : "👎 Not helpful").emoji(true).build()).build()))
                .build();
    }

    static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn).build()).build();
    }

    private static ContextBlock context(String mrkdwn) {
        return ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(mrkdwn).build())).build();
    }

    private static final Pattern MD_BOLD = Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*|__(\\S(?:.*?\\S)?)__");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]\\n]+)]\\((https?://[^)\\s]+)\\)");
    private static final Pattern MD_HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*$");

    /**
     * A generator writes Markdown; Slack's mrkdwn differs where it shows: {@code **bold**} and headings become
     * {@code *bold*}, {@code [text](url)} becomes {@code <url|text>}. The {@code [n]} markers are left alone.
     */
    static String mrkdwn(String markdown) {
        String s = escape(markdown);
        s = MD_HEADING.matcher(s).replaceAll("*$1*");
        s = MD_BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                "*" + (m.group(1) != null ? m.group(1) : m.group(2)) + "*"));
        s = MD_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                "<" + m.group(2).replace("&amp;", "&").replace("|", "%7C") + "|" + m.group(1).replace("|", "¦") + ">"));
        return s;
    }

    /** Slack's mrkdwn treats these three as control characters; everything else passes through. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String oneLine(String text, int max) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * Cuts text into pieces of at most {@code max} characters, preferring paragraph, then line, then sentence,
     * then word boundaries, and never cutting inside an {@code &amp;}-style entity or a surrogate pair.
     */
    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = lastBoundary(rest, max);
            String head = rest.substring(0, cut).strip();
            if (!head.isEmpty()) parts.add(head);
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) parts.add(rest);
        return parts;
    }

    private static int lastBoundary(String s, int max) {
        String window = s.substring(0, max + 1);
        int min = max / 2; // a boundary in the first half would make a stub of a section
        for (String sep : new String[] {"\n\n", "\n", ". ", "? ", "! ", " "}) {
            int at = window.lastIndexOf(sep);
            if (at >= min) return Math.min(at + sep.length(), max);
        }
        int cut = max;
        int amp = s.lastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp < 6 && s.indexOf(';', amp) >= cut) cut = amp;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
        return cut;
    }
}
