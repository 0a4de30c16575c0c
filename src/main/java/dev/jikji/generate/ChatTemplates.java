package dev.jikji.generate;

import java.util.Locale;

/** Picks the {@link ChatTemplate} by name, or by recognising the special tokens in the model's Jinja template. */
public final class ChatTemplates {

    private ChatTemplates() {}

    /**
     * @param name {@code chatml}, {@code qwen3}, {@code llama3} or {@code gemma}; null or blank to detect
     * @param jinja the model's chat_template text, or null
     */
    public static ChatTemplate choose(String name, String jinja) {
        if (name != null && !name.isBlank()) {
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "chatml", "qwen", "qwen2", "qwen2.5" -> new ChatMlTemplate(false);
                case "qwen3" -> new ChatMlTemplate(true);
                case "llama3", "llama-3", "llama3.1", "llama3.2" -> new Llama3Template();
                case "gemma", "gemma2", "gemma3" -> new GemmaTemplate();
                default -> throw new IllegalArgumentException("Unknown chat template '" + name
                        + "'; known: chatml, qwen3, llama3, gemma");
            };
        }
        if (jinja == null || jinja.isBlank()) {
            throw new IllegalStateException("tokenizer_config.json has no chat_template (nor is there a chat_template.jinja); "
                    + "name the template explicitly (chatml, qwen3, llama3, gemma)");
        }
        if (jinja.contains("<|im_start|>")) return new ChatMlTemplate(jinja.contains("enable_thinking"));
        if (jinja.contains("<|start_header_id|>")) return new Llama3Template();
        if (jinja.contains("<start_of_turn>")) return new GemmaTemplate();
        throw new IllegalStateException("The model's chat_template is none of ChatML (<|im_start|>), Llama 3 "
                + "(<|start_header_id|>) or Gemma (<start_of_turn>); name the template explicitly if one of them fits");
    }
}
