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
    public List<Piece> pieces(List<ChatMessage> messages) {
        List<Piece> out = new java.util.ArrayList<>();
        out.add(Piece.markup("<bos>"));
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
            out.add(Piece.markup("<start_of_turn>" + (t.role() == Role.USER ? "user" : "model") + "\n"));
            out.add(Piece.message(text));
            out.add(Piece.markup("<end_of_turn>\n"));
        }
        if (system != null) {
            out.add(Piece.markup("<start_of_turn>user\n"));
            out.add(Piece.message(system));
            out.add(Piece.markup("<end_of_turn>\n"));
        }
        out.add(Piece.markup("<start_of_turn>model\n"));
        return out;
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
