package dev.jikji.rag;

import dev.jikji.language.Language;
import dev.jikji.generate.ControlTokens;
import dev.jikji.generate.ContextWindow;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Grounded generation with any LangChain4j streaming chat model: numbered sources fitted to the
 * model's window, instructions in the question's language, tokens passed on as they come, and a
 * deadline after which the text so far is returned and later tokens are dropped.
 */
public final class LlmAnswerGenerator implements AnswerGenerator {

    private final StreamingChatModel model;
    private final ContextBudget budget;
    private final String name;
    private final String executionProvider;
    private final Semaphore slots;
    /** Applied to the text of every message sent (question, history, sources): neutralises control tokens for a remote server. */
    private final java.util.function.UnaryOperator<String> messageText;

    /**
     * @param maxConcurrent generations running at once; more wait for a slot until their deadline. An
     *     in-process model holds a KV cache and all cores per generation, so unbounded concurrency would
     *     only make every answer slower and memory grow; a remote server batches, so it can take more.
     */
    public LlmAnswerGenerator(StreamingChatModel model, ContextWindow window, int maxNewTokens, String name,
            String executionProvider, int maxConcurrent) {
        this(model, window, maxNewTokens, name, executionProvider, maxConcurrent, java.util.function.UnaryOperator.identity());
    }

    /** @param messageText e.g. {@link ControlTokens#neutralise} for a server whose tokenizer we do not run */
    public LlmAnswerGenerator(StreamingChatModel model, ContextWindow window, int maxNewTokens, String name,
            String executionProvider, int maxConcurrent, java.util.function.UnaryOperator<String> messageText) {
        this.messageText = messageText;
        this.slots = new Semaphore(Math.max(1, maxConcurrent), true);
        this.model = model;
        this.budget = new ContextBudget(window, maxNewTokens);
        this.name = name;
        this.executionProvider = executionProvider;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AnswerMode mode() {
        return AnswerMode.GENERATIVE;
    }

    @Override
    public String executionProvider() {
        return executionProvider;
    }

    @Override
    public Generation generate(String question, Language language, List<Source> sources, TermWeights weights,
            Consumer<String> onToken, long deadline) {
        List<Source> fitted = budget.fit(language, question, sources);
        acquire(deadline);
        try {
            return run(fitted, language, question, onToken, deadline);
        } finally {
            slots.release();
        }
    }

    /**
     * A short completion outside answering (making a follow-up standalone), under the same bound on
     * concurrent generations. Returns the text written by {@code deadline}.
     */
    public String complete(String system, String user, long deadline) {
        acquire(deadline);
        try {
            return run(system, user, piece -> {}, deadline).text();
        } finally {
            slots.release();
        }
    }

    private void acquire(long deadline) {
        try {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new GeneratorBusyException("generator " + name + " is busy with other answers; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneratorBusyException("interrupted while waiting for the generator");
        }
    }

    private Generation run(List<Source> fitted, Language language, String question, Consumer<String> onToken,
            long deadline) {
        Generation g = run(Prompts.system(language), Prompts.user(language, question, fitted), onToken, deadline);
        return new Generation(g.text(), fitted, g.firstTokenNanos(), g.finish());
    }

    private Generation run(String system, String user, Consumer<String> onToken, long deadline) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(messageText.apply(user)))
                .build();
        StringBuilder text = new StringBuilder();
        AtomicLong firstToken = new AtomicLong();
        AtomicBoolean open = new AtomicBoolean(true);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (!open.get() || partial == null || partial.isEmpty()) return;
                synchronized (text) {
                    firstToken.compareAndSet(0, System.nanoTime());
                    text.append(partial);
                    onToken.accept(partial);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        Finish finish;
        try {
            ChatResponse response = done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            // OTHER: the in-process decoder stopped at its own time-out or was interrupted
            finish = switch (response.finishReason() == null ? FinishReason.STOP : response.finishReason()) {
                case LENGTH -> Finish.LENGTH;
                case OTHER -> Finish.TIMEOUT;
                default -> Finish.STOP;
            };
        } catch (TimeoutException e) {
            finish = Finish.TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish = Finish.TIMEOUT;
        } catch (ExecutionException e) {
            throw new GenerationException("generator " + name + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            open.set(false);
        }
        String answer;
        synchronized (text) {
            answer = text.toString();
        }
        if (Prompts.isRefusal(answer)) finish = Finish.REFUSED;
        return new Generation(answer, List.of(), firstToken.get(), finish);
    }

    /** Every generation slot stayed taken until the request's deadline. */
    public static final class GeneratorBusyException extends RuntimeException {
        public GeneratorBusyException(String message) {
            super(message);
        }
    }

    /** The generator could not produce an answer (its server is down, the model failed). */
    public static final class GenerationException extends RuntimeException {
        public GenerationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
