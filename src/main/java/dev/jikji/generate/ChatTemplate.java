package dev.jikji.generate;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns chat messages into the prompt text a model family was trained on, ending with the header that opens the
 * assistant's turn. Written in Java per family instead of running the model's Jinja template: the few families
 * we serve are fixed strings, and a Jinja engine would be a large dependency for them.
 */
public interface ChatTemplate {

    /** For logs and errors, e.g. "ChatML". */
    String name();

    /**
     * The prompt as pieces: the template's own markup, and message text (questions, history, sources), which must
     * be encoded as plain text whatever it holds (see {@link PromptEncoder}).
     */
    List<Piece> pieces(List<ChatMessage> messages);

    /** The prompt as one string (for logs and for counting); encode {@link #pieces} instead. */
    default String render(List<ChatMessage> messages) {
        return pieces(messages).stream().map(Piece::text).collect(Collectors.joining());
    }

    /** A stretch of the prompt; {@code messageText} for text that came from a message rather than the template. */
    record Piece(String text, boolean messageText) {
        public static Piece markup(String text) {
            return new Piece(text, false);
        }

        public static Piece message(String text) {
            return new Piece(text, true);
        }
    }

    /** The special token that ends a turn; generation stops on it. */
    String endOfTurn();

    /** Special tokens the rendered prompt relies on; each must be a single token of the tokenizer. */
    List<String> specialTokens();

    enum Role { SYSTEM, USER, ASSISTANT }

    record Turn(Role role, String text) {}

    /** Messages as plain role/text turns; tool calls and non-text contents are not something these models take. */
    static List<Turn> turns(List<ChatMessage> messages) {
        return messages.stream().map(m -> switch (m) {
            case SystemMessage s -> new Turn(Role.SYSTEM, s.text());
            case UserMessage u -> new Turn(Role.USER, userText(u));
            case AiMessage a -> new Turn(Role.ASSISTANT, a.text() == null ? "" : a.text());
            default -> throw new IllegalArgumentException("The ONNX chat model takes system, user and AI messages only, not "
                    + m.type());
        }).toList();
    }

    private static String userText(UserMessage u) {
        if (u.hasSingleText()) return u.singleText();
        return u.contents().stream().map(c -> {
            if (c instanceof TextContent t) return t.text();
            throw new IllegalArgumentException("The ONNX chat model takes text only, not " + c.type());
        }).collect(Collectors.joining("\n"));
    }

}
