package dev.jikji.rag;

import dev.jikji.language.Language;
import java.util.List;

/**
 * The words Jikji says in the question's language: the generator's instructions, how sources are laid
 * out for it, and the abstention. The refusal sentence is fixed so that a model's refusal is recognised.
 */
public final class Prompts {

    private Prompts() {}

    public static final String REFUSAL_KO = "문서에서 답을 찾을 수 없습니다.";
    public static final String REFUSAL_EN = "I could not find the answer in the documents.";

    public static boolean korean(Language language) {
        return language == Language.KOREAN;
    }

    public static String refusal(Language language) {
        return korean(language) ? REFUSAL_KO : REFUSAL_EN;
    }

    public static String system(Language language) {
        if (korean(language)) {
            return """
                    당신은 회사 문서에 근거해 질문에 답하는 도우미입니다.
                    - 아래에 번호가 붙은 출처의 내용만 사용해 한국어로 간결하게 답하세요.
                    - 각 문장 끝에 그 문장의 근거가 된 출처 번호를 [1]처럼 붙이세요. 여러 출처면 [1][2]처럼 쓰세요.
                    - 출처에 없는 내용은 추측하거나 지어내지 마세요.
                    - 출처가 질문에 답하지 못하면 다른 말 없이 정확히 "%s"라고만 답하세요.""".formatted(REFUSAL_KO);
        }
        return """
                You answer questions from a company's documents.
                - Use only the numbered sources below, and answer concisely in English.
                - End every sentence with the number of the source that supports it, like [1]; several as [1][2].
                - Do not guess or add anything the sources do not say.
                - If the sources do not answer the question, reply exactly "%s" and nothing else.""".formatted(REFUSAL_EN);
    }

    public static String user(Language language, String question, List<Source> sources) {
        StringBuilder b = new StringBuilder(korean(language) ? "출처:\n" : "Sources:\n");
        for (Source s : sources) {
            b.append(sourceBlock(s)).append('\n');
        }
        b.append(korean(language) ? "질문: " : "Question: ").append(question);
        return b.toString();
    }

    static String sourceBlock(Source s) {
        StringBuilder b = new StringBuilder().append('[').append(s.n()).append("] ");
        b.append(s.hit().title() == null ? s.hit().documentId() : s.hit().title());
        if (!s.hit().headingPath().isEmpty()) b.append(" > ").append(String.join(" > ", s.hit().headingPath()));
        if (s.hit().page() != null) b.append(" (p. ").append(s.hit().page()).append(')');
        return b.append('\n').append(s.text().strip()).append('\n').toString();
    }

    public static String abstention(Language language) {
        return korean(language)
                ? "문서에서 이 질문의 답을 찾지 못했습니다. 관련이 있을 수 있는 문서를 아래에 적어 둡니다."
                : "I could not find the answer to this question in the documents. The nearest sources are listed below.";
    }

    /** True when a model's answer is (or starts with) the refusal it was told to give. */
    public static boolean isRefusal(String answer) {
        String a = answer.strip();
        return a.startsWith(REFUSAL_KO.substring(0, REFUSAL_KO.length() - 1))
                || a.toLowerCase(java.util.Locale.ROOT).startsWith(REFUSAL_EN.substring(0, REFUSAL_EN.length() - 1).toLowerCase(java.util.Locale.ROOT))
                || a.isEmpty();
    }

    /** Instructions for making a follow-up standalone: only the question, nothing answered, nothing added. */
    public static String rewriteSystem(Language language) {
        if (korean(language)) {
            return """
                    대화의 마지막 질문을 앞선 대화 없이도 이해할 수 있는 하나의 독립된 질문으로 고쳐 쓰세요.
                    - "그것", "거기", "그럼" 같은 말이 가리키는 대상을 앞선 대화에서 찾아 구체적으로 쓰세요.
                    - 마지막 질문이 이미 독립된 질문이면 그대로 쓰세요.
                    - 질문에 답하지 말고, 고쳐 쓴 질문 한 줄만 출력하세요.""";
        }
        return """
                Rewrite the last question of the conversation as one standalone question that can be understood
                without the conversation.
                - Replace words such as "it", "that" or "there" with what they refer to in the conversation.
                - If the last question is already standalone, repeat it unchanged.
                - Do not answer it; output only the rewritten question, on one line.""";
    }

    public static String rewriteUser(Language language, List<Turn> history, String question, int maxAnswerChars) {
        boolean ko = korean(language);
        StringBuilder b = new StringBuilder(ko ? "대화:\n" : "Conversation:\n");
        for (Turn t : history) {
            b.append(ko ? "질문: " : "Question: ").append(oneLine(t.question())).append('\n');
            String a = t.answer() == null ? "" : oneLine(t.answer());
            if (a.length() > maxAnswerChars) a = a.substring(0, maxAnswerChars) + "…";
            if (!a.isEmpty()) b.append(ko ? "답변: " : "Answer: ").append(a).append('\n');
        }
        b.append(ko ? "마지막 질문: " : "Last question: ").append(oneLine(question)).append('\n');
        b.append(ko ? "독립된 질문:" : "Standalone question:");
        return b.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
