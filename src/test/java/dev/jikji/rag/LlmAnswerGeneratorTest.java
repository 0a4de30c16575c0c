package dev.jikji.rag;

import dev.jikji.language.Language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.generate.ContextWindow;
import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.search.SearchHit;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LlmAnswerGeneratorTest {

    private final TermWeights weights = TermWeights.uniform(JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB")));
    private final List<Source> sources = List.of(new Source(1,
            new SearchHit(1, "d", "d#0", "T", null, List.of(), "키는 90일마다 교체한다.", null, 0.1, null)));

    /** Streams "키는 90일마다 교체한다 [1]." in pieces once released; records how many run at once. */
    static final class GatedModel implements StreamingChatModel {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        final List<ChatRequest> requests = new ArrayList<>();

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            synchronized (requests) {
                requests.add(request);
            }
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (String piece : List.of("키는 ", "90일마다 ", "교체한다 [1].")) handler.onPartialResponse(piece);
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("키는 90일마다 교체한다 [1]."))
                    .finishReason(FinishReason.STOP).build());
        }
    }

    private static long in(long ms) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void aBusyGeneratorRefusesAfterTheDeadlineAndServesOnceFree() throws Exception {
        GatedModel model = new GatedModel();
        LlmAnswerGenerator generator = new LlmAnswerGenerator(model, ContextWindow.estimated(8192), 256, "gated", "remote", 1);
        CompletableFuture<AnswerGenerator.Generation> first = CompletableFuture.supplyAsync(() ->
                generator.generate("키 교체 주기?", Language.KOREAN, sources, weights, t -> {}, in(10_000)));
        assertThat(model.started.await(5, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> generator.generate("키 교체 주기?", Language.KOREAN, sources, weights, t -> {}, in(300)))
                .isInstanceOf(LlmAnswerGenerator.GeneratorBusyException.class).hasMessageContaining("busy");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(250);
        assertThat(model.requests).hasSize(1);

        model.release.countDown();
        AnswerGenerator.Generation g = first.get(5, TimeUnit.SECONDS);
        assertThat(g.text()).isEqualTo("키는 90일마다 교체한다 [1].");
        assertThat(g.finish()).isEqualTo(AnswerGenerator.Finish.STOP);
        // the slot is free again
        List<String> pieces = new ArrayList<>();
        AnswerGenerator.Generation again = generator.generate("키 교체 주기?", Language.KOREAN, sources, weights, pieces::add, in(5_000));
        assertThat(String.join("", pieces)).isEqualTo(again.text());
        assertThat(model.requests).hasSize(2);
    }

    @Test
    void aFailingModelIsAGenerationExceptionAndFreesItsSlot() {
        StreamingChatModel failing = new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                handler.onError(new IllegalStateException("connection refused"));
            }
        };
        LlmAnswerGenerator generator = new LlmAnswerGenerator(failing, ContextWindow.estimated(8192), 256, "down", "remote", 1);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> generator.generate("q", Language.ENGLISH, sources, weights, t -> {}, in(1_000)))
                    .isInstanceOf(LlmAnswerGenerator.GenerationException.class).hasMessageContaining("connection refused");
        }
    }
}
