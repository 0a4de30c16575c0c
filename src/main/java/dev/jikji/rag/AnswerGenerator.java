package dev.jikji.rag;

import dev.jikji.language.Language;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes an answer to a question from numbered sources, citing them as {@code [n]}. Implementations:
 * {@link LlmAnswerGenerator} (any LangChain4j streaming chat model: the in-process ONNX decoder or an
 * OpenAI-compatible server) and {@link ExtractiveAnswerGenerator} (no LLM).
 */
public interface AnswerGenerator {

    /** The model named in the API's {@code models.generator}. */
    String name();

    /** {@code generative} or {@code extractive}. */
    AnswerMode mode();

    /** Where it runs: "CUDA", "CPU" or "remote". */
    String executionProvider();

    /**
     * @param onToken receives text pieces as they are produced, in order
     * @param deadline System.nanoTime() after which generation stops and what was written is returned
     */
    Generation generate(String question, Language language, List<Source> sources, TermWeights weights,
            Consumer<String> onToken, long deadline);

    /**
     * @param sourcesUsed the sources that fit the model's context window, possibly shortened
     * @param firstTokenNanos System.nanoTime() of the first text piece, 0 when none
     * @param finish why the generator stopped
     * @param span the short answer inside the text, when the generator found one it is sure of; else null
     */
    record Generation(String text, List<Source> sourcesUsed, long firstTokenNanos, Finish finish, Span span) {

        public Generation(String text, List<Source> sourcesUsed, long firstTokenNanos, Finish finish) {
            this(text, sourcesUsed, firstTokenNanos, finish, null);
        }
    }

    /** Why generation stopped; {@code REFUSED}: the model said the sources do not answer. */
    enum Finish { STOP, LENGTH, TIMEOUT, REFUSED }

    /** A short answer ({@code text}) that occurs word for word in source {@code n}. */
    record Span(String text, int n) {}
}
