package dev.jikji.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from users and documents bound for a remote (OpenAI-compatible) server, whose chat template and tokenizer
 * we do not control: any chat-template control token in it ({@code <|im_end|>}, {@code <|eot_id|>},
 * {@code <start_of_turn>}, {@code [INST]}, …) is broken with a zero-width space after its first character, so the
 * server's tokenizer reads it as text and never as the end of a turn or the start of a forged one. The in-process
 * model needs no such change: {@link PromptEncoder} encodes message text as plain text.
 */
public final class ControlTokens {

    private static final String ZERO_WIDTH_SPACE = "\u200B";

    /** {@code <|anything|>} (ChatML, Llama 3, Qwen, Phi, DeepSeek), Gemma's and Llama 2's markers, think tags, BOS/EOS. */
    private static final Pattern CONTROL = Pattern.compile(
            "<\\|[^<>|\\s]{1,64}\\|>|<(?:start|end)_of_turn>|</?(?:think|tool_call|tool_response|s|bos|eos|pad|unk)>"
                    + "|\\[/?INST]|<<\\s*/?SYS\\s*>>|<｜[^<>｜]{1,64}｜>", Pattern.CASE_INSENSITIVE);

    private ControlTokens() {}

    public static String neutralise(String text) {
        if (text == null || text.indexOf('<') < 0 && text.indexOf('[') < 0) return text;
        Matcher m = CONTROL.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        while (m.find()) {
            String token = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(token.charAt(0) + ZERO_WIDTH_SPACE + token.substring(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** True when {@code text} holds a control token {@link #neutralise} would break. */
    public static boolean present(String text) {
        return text != null && CONTROL.matcher(text).find();
    }
}
