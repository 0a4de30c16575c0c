package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplatesTest {

    private static final List<ChatMessage> MESSAGES = List.of(SystemMessage.from("출처만 써서 답하라."),
            UserMessage.from("VPN은?"), AiMessage.from("WireGuard."), UserMessage.from("설정은?"));

    @Test
    void chatMlAsQwenWritesIt() {
        assertThat(ChatTemplates.choose(null, SyntheticDecoder.CHATML_TEMPLATE).render(MESSAGES)).isEqualTo(
                "<|im_start|>system\n출처만 써서 답하라.<|im_end|>\n<|im_start|>user\nVPN은?<|im_end|>\n"
                        + "<|im_start|>assistant\nWireGuard.<|im_end|>\n<|im_start|>user\n설정은?<|im_end|>\n"
                        + "<|im_start|>assistant\n");
    }

    @Test
    void qwen3WithThinkingOffOpensAnEmptyThinkBlock() {
        ChatTemplate t = ChatTemplates.choose(null, "{%- if enable_thinking is defined %}<|im_start|>{% endif %}");
        assertThat(t.render(List.of(UserMessage.from("hi")))).isEqualTo(
                "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    @Test
    void llama3() {
        ChatTemplate t = ChatTemplates.choose(null, "{{- '<|start_header_id|>' + message['role'] }}");
        assertThat(t.render(MESSAGES.subList(0, 2))).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "출처만 써서 답하라.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nVPN은?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(t.endOfTurn()).isEqualTo("<|eot_id|>");
    }

    @Test
    void gemmaFoldsTheSystemTextIntoTheFirstUserTurn() {
        ChatTemplate t = ChatTemplates.choose(null, "{{ '<start_of_turn>' + role + '\\n' }}");
        assertThat(t.render(MESSAGES)).isEqualTo("<bos><start_of_turn>user\n출처만 써서 답하라.\n\nVPN은?<end_of_turn>\n"
                + "<start_of_turn>model\nWireGuard.<end_of_turn>\n<start_of_turn>user\n설정은?<end_of_turn>\n"
                + "<start_of_turn>model\n");
        assertThat(t.endOfTurn()).isEqualTo("<end_of_turn>");
    }

    @Test
    void explicitNamesAndUnknownTemplates() {
        assertThat(ChatTemplates.choose("llama3", SyntheticDecoder.CHATML_TEMPLATE)).isInstanceOf(Llama3Template.class);
        assertThat(ChatTemplates.choose("qwen3", null).name()).contains("Qwen3");
        assertThatThrownBy(() -> ChatTemplates.choose("mistral", null)).hasMessageContaining("known: chatml");
        assertThatThrownBy(() -> ChatTemplates.choose(null, null)).hasMessageContaining("no chat_template");
        assertThatThrownBy(() -> ChatTemplates.choose(null, "[INST]")).hasMessageContaining("none of ChatML");
    }
}
