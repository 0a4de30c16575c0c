package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.onnx.OnnxSessionFactory;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxChatModelTest {

    private static final int VOCAB = 40;
    private static final List<String> TOKENS = SyntheticDecoder.vocabulary(VOCAB, "hello", "world", "foo", "bar", "baz");
    private static final int HELLO = 7, WORLD = 8, FOO = 9, BAR = 10, IM_END = 2, ASSISTANT = 6;

    @TempDir
    Path dir;

    private static OnnxChatModel.Options greedy(int maxNewTokens) {
        return new OnnxChatModel.Options(maxNewTokens, 0, 0.9, 42, 0);
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.builder().messages(SystemMessage.from("system"), UserMessage.from(question)).build();
    }

    /** A model whose greedy choice after token {@code from} is {@code to}: transitions dominate random logits. */
    private Path scripted(int[][] chain) throws Exception {
        float[][] table = new float[VOCAB][VOCAB];
        for (int[] edge : chain) table[edge[0]][edge[1]] = 20f;
        return SyntheticDecoder.write(dir.resolve("scripted"),
                SyntheticDecoder.Config.small(VOCAB).withTransitions(table, 0.1f), TOKENS);
    }

    @Test
    void greedyDecodingFollowsTheModelAndStopsAtEndOfTurn() throws Exception {
        Path model = scripted(new int[][] {{ASSISTANT, HELLO}, {HELLO, WORLD}, {WORLD, IM_END}});
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(50))) {
            assertThat(chat.name()).isEqualTo("scripted");
            assertThat(chat.executionProvider()).isEqualTo("CPU");
            assertThat(chat.contextTokens()).isEqualTo(256); // config.json max_position_embeddings
            assertThat(chat.templateName()).isEqualTo("ChatML");
            ChatResponse response = chat.chat(ask("foo bar"));
            assertThat(response.aiMessage().text()).isEqualTo("hello world");
            assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
            // <|im_start|> system system <|im_end|> <|im_start|> user foo bar <|im_end|> <|im_start|> assistant
            assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(11);
            assertThat(chat.countPromptTokens(ask("foo bar").messages())).isEqualTo(11);
            assertThat(chat.countTokens("foo bar baz")).isEqualTo(3);
        }
    }

    @Test
    void maxNewTokensEndsWithLengthAndExactlyThatManyTokens() throws Exception {
        Path model = scripted(new int[][] {{ASSISTANT, FOO}, {FOO, BAR}, {BAR, FOO}});
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(50))) {
            ChatResponse response = chat.chat(ChatRequest.builder().messages(UserMessage.from("hello"))
                    .maxOutputTokens(5).build());
            assertThat(response.aiMessage().text()).isEqualTo("foo bar foo bar foo");
            assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(5);
            // the default from the options when the request says nothing
            assertThat(chat.chat(ask("hello")).tokenUsage().outputTokenCount()).isEqualTo(50);
        }
    }

    @Test
    void stopStringsCutTheAnswerAndNeverStreamPartOfThemselves() throws Exception {
        Path model = scripted(new int[][] {{ASSISTANT, FOO}, {FOO, BAR}, {BAR, FOO}});
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(50))) {
            ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hello"))
                    .stopSequences(List.of("r foo b", "zzz")).build();
            Collected c = stream(chat, request);
            assertThat(c.complete.aiMessage().text()).isEqualTo("foo ba");
            assertThat(c.complete.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(String.join("", c.partials)).isEqualTo("foo ba");
            assertThat(chat.chat(request).aiMessage().text()).isEqualTo("foo ba");
        }
    }

    @Test
    void streamingDeliversPiecesInOrderThenCompletesOnce() throws Exception {
        Path model = SyntheticDecoder.write(dir.resolve("random"), SyntheticDecoder.Config.small(VOCAB), TOKENS);
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(30))) {
            Collected c = stream(chat, ask("hello world"));
            assertThat(c.errors).isEmpty();
            assertThat(c.completions.get()).isEqualTo(1);
            assertThat(c.events.getLast()).isEqualTo("complete");
            assertThat(c.partials).isNotEmpty().allSatisfy(p -> assertThat(p).isNotEmpty());
            assertThat(String.join("", c.partials)).isEqualTo(c.complete.aiMessage().text());
            ChatResponse blocking = chat.chat(ask("hello world"));
            assertThat(blocking.aiMessage().text()).isEqualTo(c.complete.aiMessage().text());
            assertThat(blocking.tokenUsage().outputTokenCount()).isEqualTo(c.complete.tokenUsage().outputTokenCount());
        }
    }

    @Test
    void seededSamplingReproducesAndSeedsDiffer() throws Exception {
        // Small output weights keep the distribution flat, so sampling has real choices to make.
        Path model = SyntheticDecoder.write(dir.resolve("flat"), SyntheticDecoder.Config.small(VOCAB).withOutputScale(0.3f),
                TOKENS);
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hello")).maxOutputTokens(20).build();
        String greedy;
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(20))) {
            greedy = chat.chat(request).aiMessage().text();
        }
        List<String> answers = new ArrayList<>();
        for (long seed : new long[] {1, 1, 2, 3}) {
            try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(),
                    new OnnxChatModel.Options(20, 1.0, 1.0, seed, 0))) {
                answers.add(chat.chat(request).aiMessage().text());
            }
        }
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
        assertThat(answers.get(2)).isNotEqualTo(answers.get(0));
        assertThat(answers.get(3)).isNotEqualTo(answers.get(0)).isNotEqualTo(answers.get(2));
        assertThat(answers).doesNotContain(greedy);
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(),
                new OnnxChatModel.Options(20, 1.0, 1e-9, 5, 0))) {
            assertThat(chat.chat(request).aiMessage().text()).isEqualTo(greedy);
        }
    }

    @Test
    void tokenizerLargerThanTheModelsLogitsIsRefused() throws Exception {
        Path model = SyntheticDecoder.write(dir.resolve("small"), SyntheticDecoder.Config.small(VOCAB),
                SyntheticDecoder.vocabulary(VOCAB + 5));
        assertThatThrownBy(() -> new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("logits cover 40 tokens but tokenizer.json has 45");
    }

    @Test
    void templateTokensMissingFromTheTokenizerAreRefused() throws Exception {
        Path model = SyntheticDecoder.write(dir.resolve("m"), SyntheticDecoder.Config.small(VOCAB), TOKENS);
        List<String> noEnd = new ArrayList<>(TOKENS);
        noEnd.set(IM_END, "end");
        SyntheticDecoder.writeTokenizer(model, noEnd, List.of("<|endoftext|>", "<|im_start|>"));
        assertThatThrownBy(() -> new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ChatML").hasMessageContaining("<|im_end|>");

        SyntheticDecoder.writeTokenizer(model, TOKENS, List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        SyntheticDecoder.writeTokenizerConfig(model, "{{ bos_token }}{% for m in messages %}[INST] {{ m.content }} [/INST]"
                + "{% endfor %}", "<|endoftext|>");
        assertThatThrownBy(() -> new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(5)))
                .hasMessageContaining("none of ChatML");
        // named explicitly, a Llama 3 template needs tokens this tokenizer lacks
        assertThatThrownBy(() -> new OnnxChatModel(model, OnnxSessionFactory.cpu(),
                new OnnxChatModel.Options(5, 0, 1, 1, 0, null, "llama3")))
                .hasMessageContaining("<|begin_of_text|>");
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(),
                new OnnxChatModel.Options(5, 0, 1, 1, 0, null, "chatml"))) {
            assertThat(chat.templateName()).isEqualTo("ChatML");
        }
    }

    @Test
    void promptLongerThanTheContextIsAClearErrorAndTheAnswerIsCutToFit() throws Exception {
        Path model = scripted(new int[][] {{ASSISTANT, FOO}, {FOO, BAR}, {BAR, FOO}});
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(),
                new OnnxChatModel.Options(50, 0, 1, 1, 16))) {
            assertThat(chat.contextTokens()).isEqualTo(16);
            ChatRequest tooLong = ask("foo bar ".repeat(10));
            assertThatThrownBy(() -> chat.chat(tooLong))
                    .isInstanceOf(PromptTooLongException.class)
                    .hasMessageContaining("29 tokens").hasMessageContaining("context window is 16");
            Collected c = stream(chat, tooLong);
            assertThat(c.errors).singleElement().isInstanceOf(PromptTooLongException.class);
            assertThat(c.completions.get()).isZero();

            ChatResponse cut = chat.chat(ask("foo")); // 10 prompt tokens leave room for 6
            assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(cut.tokenUsage().outputTokenCount()).isEqualTo(6);
            assertThat(cut.aiMessage().text()).isEqualTo("foo bar foo bar foo bar");
        }
    }

    @Test
    void cancellationEndsTheAnswerWithWhatItHas() throws Exception {
        Path model = scripted(new int[][] {{ASSISTANT, FOO}, {FOO, BAR}, {BAR, FOO}});
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(50))) {
            AtomicInteger checks = new AtomicInteger();
            Generation g = chat.generate(ask("x"), piece -> {}, () -> checks.incrementAndGet() > 3);
            assertThat(g.finishReason()).isEqualTo(FinishReason.OTHER);
            assertThat(g.text()).isEqualTo("foo bar foo");
            assertThat(g.outputTokens()).isEqualTo(3);
        }
    }

    @Test
    void float16ExportInOnnxSubfolderAsOnnxCommunityLaysItOut() throws Exception {
        float[][] table = new float[VOCAB][VOCAB];
        for (int[] edge : new int[][] {{ASSISTANT, HELLO}, {HELLO, WORLD}, {WORLD, IM_END}}) table[edge[0]][edge[1]] = 20f;
        Path model = SyntheticDecoder.write(dir.resolve("fp16"),
                SyntheticDecoder.Config.small(VOCAB).withFloat16Cache().withTransitions(table, 0.1f), TOKENS);
        Files.createDirectories(model.resolve("onnx"));
        Files.move(model.resolve("model.onnx"), model.resolve("onnx/model.onnx"));
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(50))) {
            assertThat(chat.chat(ask("foo")).aiMessage().text()).isEqualTo("hello world");
        }
    }

    @Test
    void pastTheTimeoutTheAnswerStopsAsItStands() throws Exception {
        Path model = scripted(new int[][] {{ASSISTANT, FOO}, {FOO, BAR}, {BAR, FOO}});
        try (OnnxChatModel chat = new OnnxChatModel(model, OnnxSessionFactory.cpu(),
                new OnnxChatModel.Options(50, 0, 1, 1, 0, java.time.Duration.ofNanos(1), null))) {
            ChatResponse response = chat.chat(ask("x"));
            assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
            assertThat(response.tokenUsage().outputTokenCount()).isZero();
        }
        assertThatThrownBy(() -> new OnnxChatModel.Options(0, 0, 1, 1, 0)).hasMessageContaining("maxNewTokens");
        assertThatThrownBy(() -> new OnnxChatModel.Options(5, 0, 0, 1, 0)).hasMessageContaining("topP");
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        Path model = SyntheticDecoder.write(dir.resolve("m"), SyntheticDecoder.Config.small(VOCAB), TOKENS);
        Files.delete(model.resolve("tokenizer_config.json"));
        assertThatThrownBy(() -> new OnnxChatModel(model, OnnxSessionFactory.cpu(), greedy(5)))
                .hasMessageContaining("tokenizer_config.json");
    }

    private static final class Collected {
        final List<String> partials = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final AtomicInteger completions = new AtomicInteger();
        ChatResponse complete;
    }

    private static Collected stream(OnnxChatModel chat, ChatRequest request) {
        Collected c = new Collected();
        chat.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                c.partials.add(partial);
                c.events.add("partial");
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                c.complete = response;
                c.completions.incrementAndGet();
                c.events.add("complete");
            }

            @Override
            public void onError(Throwable error) {
                c.errors.add(error);
                c.events.add("error");
            }
        });
        return c;
    }
}
