package dev.jikji.rag;

import dev.jikji.language.Language;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a question. {@code citations} lists exactly the source numbers that remain in
 * {@code answer} after checking; {@code sources} lists every source the generator was given (on an
 * abstention: the nearest ones found). {@code answerCorrected} says that checking changed text that
 * had already been streamed. For a follow-up (a question sent with {@code history}), {@code standaloneQuestion}
 * is the question actually searched and answered, and {@code rewrittenBy} how it was made ({@code llm},
 * {@code rule}, or {@code none} when the question was used as it stood).
 * had already been streamed. {@code abstention} (not in the JSON, whose {@code abstentionReason} is a sentence)
 * says why it abstained, null when it did not. {@code answerSpan}, when present, is the short answer inside the cited text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AskResult(
        String answer,
        List<Citation> citations,
        AnswerSpan answerSpan,
        boolean abstained,
        @JsonIgnore Abstention abstention,
        String abstentionReason,
        AnswerMode mode,
        Language language,
        Models models,
        Timings timings,
        List<SourceRef> sources,
        CitationCheck citationCheck,
        boolean answerCorrected,
        String standaloneQuestion,
        Standalone.Method rewrittenBy) {

    /** A first question's answer without a short answer (every abstention, every generative answer, explanations). */
    public AskResult(String answer, List<Citation> citations, Abstention abstention, String abstentionReason,
            AnswerMode mode, Language language, Models models, Timings timings, List<SourceRef> sources,
            CitationCheck citationCheck, boolean answerCorrected) {
        this(answer, citations, null, abstention, abstentionReason, mode, language, models, timings, sources,
                citationCheck, answerCorrected);
    }

    /** A first question's answer: no history, nothing rewritten. */
    public AskResult(String answer, List<Citation> citations, AnswerSpan answerSpan, Abstention abstention,
            String abstentionReason, AnswerMode mode, Language language, Models models, Timings timings,
            List<SourceRef> sources, CitationCheck citationCheck, boolean answerCorrected) {
        this(answer, citations, answerSpan, abstention != null, abstention, abstentionReason, mode, language, models,
                timings, sources, citationCheck, answerCorrected, null, null);
    }

    /** This answer to a follow-up, saying which standalone question it answers and how that was made. */
    public AskResult withStandalone(Standalone s) {
        return new AskResult(answer, citations, answerSpan, abstained, abstention, abstentionReason, mode, language, models,
                timings, sources, citationCheck, answerCorrected, s.question(), s.method());
    }

    /**
     * The short answer to a factoid question (a name, a date, a number with its unit, a term) as it stands in the
     * quoted sentence of citation {@code n}; present only when a rule found exactly one such span there.
     */
    public record AnswerSpan(String text, int n, String documentId, String chunkId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Citation(int n, String documentId, String chunkId, String title, String source,
            List<String> headingPath, Integer page, String quote) {}

    public record Models(String embedding, String reranker, String generator, String executionProvider) {}

    public record Timings(long retrieveMs, long rerankMs, long generateMs, Long firstTokenMs, long totalMs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceRef(int n, String documentId, String chunkId, String title, String source,
            List<String> headingPath, Integer page, double score, Double rerankScore) {}

    /** What citation checking did: markers kept, and markers removed with why. */
    public record CitationCheck(int kept, List<Removed> removed) {}

    public record Removed(int n, String reason, String sentence) {}
}
