package dev.jikji.generate;

import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/**
 * Gemma 2/3: {@code <start_of_turn>user|model ... <end_of_turn>}. Gemma has no system role; its own template puts
 * the system text at the start of the first user turn, and so does this.
 */
public record GemmaTemplate() implements ChatTemplate {

    @Override
    public String name() {
        return "Gemma";
    }

    @Override
    public String render(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder("<bos>");
        String system = null;
        for (Turn t : ChatTemplate.turns(messages)) {
            if (t.role() == Role.SYSTEM) {
                system = system == null ? t.text().strip() : system + "\n\n" + t.text().strip();
                continue;
            }
            String text = t.text().strip();
            if (t.role() == Role.USER && system != null) {
                text = system + "\n\n" + text;
                system = null;
            }
            sb.append("<start_of_turn>").append(t.role() == Role.USER ? "user" : "model").append('\n')
                    .append(text).append("<end_of_turn>\n");
        }
        if (system != null) {
            sb.append("<start_of_turn>user\n").append(system).append("<end_of_turn>\n");
        }
        return sb.append("<start_of_turn>model\n").toString();
    }

    @Override
    public String endOfTurn() {
        return "<end_of_turn>";
    }

    @Override
    public List<String> specialTokens() {
        return List.of("<bos>", "<start_of_turn>", "<end_of_turn>");
    }
}
