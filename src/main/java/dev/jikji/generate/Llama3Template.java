package dev.jikji.generate;

import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/** Llama 3.x: header-delimited turns ending in {@code <|eot_id|>}; the prompt starts with the BOS token itself. */
public record Llama3Template() implements ChatTemplate {

    @Override
    public String name() {
        return "Llama 3";
    }

    @Override
    public List<Piece> pieces(List<ChatMessage> messages) {
        List<Piece> out = new java.util.ArrayList<>();
        out.add(Piece.markup("<|begin_of_text|>"));
        for (Turn t : ChatTemplate.turns(messages)) {
            String role = switch (t.role()) {
                case SYSTEM -> "system";
                case USER -> "user";
                case ASSISTANT -> "assistant";
            };
            out.add(header(role));
            out.add(Piece.message(t.text().strip()));
            out.add(Piece.markup("<|eot_id|>"));
        }
        out.add(header("assistant"));
        return out;
    }

    private static Piece header(String role) {
        return Piece.markup("<|start_header_id|>" + role + "<|end_header_id|>\n\n");
    }

    @Override
    public String endOfTurn() {
        return "<|eot_id|>";
    }

    @Override
    public List<String> specialTokens() {
        return List.of("<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");
    }
}
