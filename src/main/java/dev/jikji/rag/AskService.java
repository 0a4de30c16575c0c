package dev.jikji.rag;

import dev.jikji.language.Language;
import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.TextTerms;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchHit;
import dev.jikji.search.SearchQuery;
import dev.jikji.search.SearchResult;
import dev.jikji.events.AnswerGiven;
import dev.jikji.events.EventSink;
import dev.jikji.events.Stage;
import dev.jikji.stage.StageTimer;
import dev.jikji.stage.Timed;
import dev.jikji.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The answer pipeline, read top to bottom in {@link #answer}: a follow-up is made standalone (REWRITE), then
 * RETRIEVE (hybrid legs, fused) → RERANK → GATE (do the best sources cover the question?) → GENERATE (from
 * numbered sources) → VERIFY (every citation checked). Each step is timed once by {@link StageTimer}, which feeds
 * its span, its meter and the response's timings. Abstains, naming the nearest sources, when the gate fails,
 * when the generator says the sources do not answer, or when no citation of its answer survives checking.
 */
@ApplicationScoped
public class AskService {

    private static final Logger LOG = Logger.getLogger(AskService.class);

    /** Receives the answer as it is written; called on the thread that runs {@link #ask}. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = text -> {};

        void onToken(String text);
    }

    private final RerankedSearch search;
    private final SearchIndex index;
    private final TextTerms text;
    private final EmbeddingModels embeddings;
    private final AnswerGenerators generators;
    private final JikjiConfig config;
    private final CitationVerifier verifier;
    private final StageTimer timer;
    private final EventSink events;
    private final Tracing tracing;
    private final FollowUps followUps;

    @Inject
    public AskService(RerankedSearch search, SearchIndex index, TextTerms text, EmbeddingModels embeddings,
            AnswerGenerators generators, FollowUps followUps, StageTimer timer, EventSink events, Tracing tracing, JikjiConfig config) {
        this.search = search;
        this.index = index;
        this.text = text;
        this.embeddings = embeddings;
        this.generators = generators;
        this.followUps = followUps;
        this.timer = timer;
        this.events = events;
        this.tracing = tracing;
        this.config = config;
        this.verifier = new CitationVerifier(config.answer().minCitationSupport());
    }

    public AskResult ask(AskQuery query, Listener listener) {
        return tracing.span("jikji.ask", span -> span.setAttribute("jikji.top_k", query.topK()), () -> {
            AskResult result = answer(query, listener);
            Tracing.current().setAttribute("jikji.mode", result.mode().label())
                    .setAttribute("jikji.abstained", result.abstained())
                    .setAttribute("jikji.language", result.language() == null ? "null" : result.language().code());
            int removed = result.citationCheck() == null || result.citationCheck().removed() == null ? 0
                    : result.citationCheck().removed().size();
            events.publish(new AnswerGiven(result.mode().label(),
                    result.abstention() == null ? null : result.abstention().label(), removed));
            return result;
        });
    }

    private AskResult answer(AskQuery asked, Listener listener) {
        long t0 = System.nanoTime();
        // A follow-up is made standalone first; from here on only that question and the retrieved sources
        // count: earlier answers are never given to the generator, so they can never be cited.
        Standalone standalone = asked.history().isEmpty() ? null : timer.time(Stage.REWRITE,
                () -> followUps.standalone(asked.question(), asked.history(), t0 + config.generator().timeout().toNanos())).value();
        AskQuery query = standalone == null ? asked : new AskQuery(standalone.question(), asked.topK(), asked.filter());
        AskResult result = answerStandalone(query, listener, t0);
        return standalone == null ? result : result.withStandalone(standalone);
    }

    private AskResult answerStandalone(AskQuery query, Listener listener, long t0) {
        SearchQuery searched = new SearchQuery(query.question(), query.topK(), query.filter());
        SearchResult found = search.search(searched);
        Run run = new Run(found, generators.current(), t0, found.timings().retrieveMs());

        List<Source> sources = new ArrayList<>();
        for (SearchHit hit : found.hits()) sources.add(new Source(sources.size() + 1, hit));
        List<String> texts = new ArrayList<>();
        texts.add(query.question());
        sources.forEach(s -> texts.add(s.supportText()));
        TermWeights weights = TermWeights.of(index, text, texts);

        double confidence = timer.time(Stage.GATE, () -> confidence(query.question(), sources, weights)).value();
        if (sources.isEmpty() || confidence < config.answer().minQuestionCoverage()) {
            return run.abstain(Abstention.GATE, String.format(Locale.ROOT,
                    "the best sources cover %.0f%% of the question (threshold %.0f%%)", confidence * 100,
                    config.answer().minQuestionCoverage() * 100), sources, null, false, null);
        }

        StringBuilder streamed = new StringBuilder();
        long deadline = System.nanoTime() + config.generator().timeout().toNanos();
        AnswerGenerator generator = run.generator;
        Timed<AnswerGenerator.Generation> generated = timer.time(Stage.GENERATE,
                span -> span.setAttribute("jikji.generator", generator.name()).setAttribute("jikji.sources", sources.size()),
                () -> generator.generate(query.question(), run.language, sources, weights, piece -> {
                    streamed.append(piece);
                    listener.onToken(piece);
                }, deadline));
        AnswerGenerator.Generation g = generated.value();
        if (g.firstTokenNanos() != 0) timer.record(Stage.FIRST_TOKEN, g.firstTokenNanos() - t0);
        boolean wasStreamed = !streamed.isEmpty();
        if (g.finish() == AnswerGenerator.Finish.REFUSED) {
            return run.abstain(Abstention.REFUSED, "the generator found no answer in the sources", sources, generated, wasStreamed, null);
        }

        CitationVerifier.Verified v = timer.time(Stage.VERIFY, () -> verifier.verify(g.text(), g.sourcesUsed(), weights)).value();
        if (v.kept() == 0) {
            LOG.debugf("Abstaining: no supported citation in %s", g.text());
            return run.abstain(Abstention.UNSUPPORTED, "no citation in the generated answer is supported by its source",
                    g.sourcesUsed(), generated, wasStreamed, new AskResult.CitationCheck(0, v.removed()));
        }
        String answer = v.answer();
        if (g.finish() == AnswerGenerator.Finish.TIMEOUT) LOG.warnf("Generation cut at the %s timeout", config.generator().timeout());
        return new AskResult(answer, v.citations(), span(g, v.citations()), null, null, generator.mode(), run.language, run.models(),
                run.timings(generated), refs(g.sourcesUsed()),
                new AskResult.CitationCheck(v.kept(), v.removed()), wasStreamed && !answer.equals(streamed.toString().strip()));
    }

    /** The generator's short answer, kept only while the citation it came from survived checking. */
    static AskResult.AnswerSpan span(AnswerGenerator.Generation g, List<AskResult.Citation> kept) {
        if (g.span() == null) return null;
        boolean inSource = g.sourcesUsed().stream().anyMatch(s -> s.n() == g.span().n() && s.text().contains(g.span().text()));
        return kept.stream().filter(c -> inSource && c.n() == g.span().n())
                .findFirst().map(c -> new AskResult.AnswerSpan(g.span().text(), c.n(), c.documentId(), c.chunkId()))
                .orElse(null);
    }

    /** How much of the question the best of the top three sources says, IDF-weighted. */
    static double confidence(String question, List<Source> sources, TermWeights weights) {
        Set<String> asked = weights.terms(question);
        double best = 0;
        for (Source s : sources.subList(0, Math.min(3, sources.size()))) {
            best = Math.max(best, weights.coverage(asked, weights.terms(s.supportText())));
        }
        return best;
    }


    static List<AskResult.SourceRef> refs(List<Source> sources) {
        return sources.stream().map(s -> new AskResult.SourceRef(s.n(), s.hit().documentId(), s.hit().chunkId(),
                s.hit().title(), s.hit().source(), s.hit().headingPath(), s.hit().page(), s.hit().score(),
                s.hit().rerankScore())).toList();
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /** What one question's run knows after retrieval: its sources' language, the generator, the times so far. */
    private final class Run {
        final SearchResult found;
        final Language language;
        final AnswerGenerator generator;
        final long t0;
        final long retrieveMs;

        Run(SearchResult found, AnswerGenerator generator, long t0, long retrieveMs) {
            this.found = found;
            this.language = found.retrieval().language().ofAnswer();
            this.generator = generator;
            this.t0 = t0;
            this.retrieveMs = retrieveMs;
        }

        AskResult.Models models() {
            return new AskResult.Models(embeddings.spec().name(), found.retrieval().reranker(), generator.name(),
                    generator.executionProvider());
        }

        /** The steps' own times; total from the start of the question (a follow-up's rewriting included). */
        AskResult.Timings timings(Timed<AnswerGenerator.Generation> generated) {
            long firstToken = generated == null ? 0 : generated.value().firstTokenNanos();
            return new AskResult.Timings(retrieveMs, found.timings().rerankMs(), generated == null ? 0 : generated.millis(),
                    firstToken == 0 ? null : ms(firstToken - t0), ms(System.nanoTime() - t0));
        }

        AskResult abstain(Abstention why, String reason, List<Source> nearest, Timed<AnswerGenerator.Generation> generated,
                boolean streamed, AskResult.CitationCheck check) {
            return new AskResult(Prompts.abstention(language), List.of(), why, reason, generator.mode(),
                    language, models(), timings(generated), refs(nearest.subList(0, Math.min(3, nearest.size()))),
                    check, streamed);
        }
    }
}
