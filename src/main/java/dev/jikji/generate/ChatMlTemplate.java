package dev.jikji.generate;

import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/**
 * ChatML, as used by Qwen2.5 and Qwen3. With {@code emptyThinking} (Qwen3) the assistant turn opens with an
 * empty think block, which is what Qwen3's own template emits for {@code enable_thinking=false}: answers come
 * straight away instead of after a long reasoning preamble.
 */
public record ChatMlTemplate(boolean emptyThinking) implements ChatTemplate {

    @Override
    public String name() {
        return emptyThinking ? "ChatML (Qwen3, thinking off)" : "ChatML";
    }

    @Override
    public List<Piece> pieces(List<ChatMessage> messages) {
        List<Piece> out = new java.util.ArrayList<>();
        for (Turn t : ChatTemplate.turns(messages)) {
            String role = switch (t.role()) {
                case SYSTEM -> "system";
                case USER -> "user";
                case ASSISTANT -> "assistant";
            };
            out.add(Piece.markup("<|im_start|>" + role + "\n"));
            out.add(Piece.message(t.text()));
            out.add(Piece.markup("<|im_end|>\n"));
        }
        out.add(Piece.markup("<|im_start|>assistant\n" + (emptyThinking ? "<think>\n\n</think>\n\n" : "")));
        return out;
    }

    @Override
    public String endOfTurn() {
        return "<|im_end|>";
    }

    @Override
    public List<String> specialTokens() {
        return List.of("<|im_start|>", "<|im_end|>");
    }
}
