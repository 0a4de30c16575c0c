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
    public String render(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder("<|begin_of_text|>");
        for (Turn t : ChatTemplate.turns(messages)) {
            String role = switch (t.role()) {
                case SYSTEM -> "system";
                case USER -> "user";
                case ASSISTANT -> "assistant";
            };
            header(sb, role).append(t.text().strip()).append("<|eot_id|>");
        }
        return header(sb, "assistant").toString();
    }

    private static StringBuilder header(StringBuilder sb, String role) {
        return sb.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n");
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
