package dev.jikji.rag;

import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.SearchIndex;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchHit;
import dev.jikji.search.SearchQuery;
import dev.jikji.search.SearchResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Question → retrieval (hybrid, reranked) → a confidence gate → generation from numbered sources →
 * citation checking. Abstains, naming the nearest sources, when retrieval does not cover the question,
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
    private final EmbeddingModels embeddings;
    private final AnswerGenerators generators;
    private final JikjiConfig config;
    private final CitationVerifier verifier;

    @Inject
    dev.jikji.events.EventSink events = dev.jikji.events.EventSink.NONE;

    @Inject
    dev.jikji.tracing.Tracing tracing = dev.jikji.tracing.Tracing.NOOP;

    @Inject
    FollowUps followUps;

    @Inject
    public AskService(RerankedSearch search, SearchIndex index, EmbeddingModels embeddings, AnswerGenerators generators,
            JikjiConfig config) {
        this.search = search;
        this.index = index;
        this.embeddings = embeddings;
        this.generators = generators;
        this.config = config;
        this.verifier = new CitationVerifier(config.answer().minCitationSupport());
    }

    public AskResult ask(AskQuery query, Listener listener) {
        return tracing.span("jikji.ask", span -> span.setAttribute("jikji.top_k", query.topK()), () -> {
            AskResult result = answer(query, listener);
            dev.jikji.tracing.Tracing.current().setAttribute("jikji.mode", result.mode().label())
                    .setAttribute("jikji.abstained", result.abstained())
                    .setAttribute("jikji.language", String.valueOf(result.language()));
            publish(result);
            return result;
        });
    }

    /** The answer's event, and the generate and first-token stages it timed, for whoever observes. */
    private void publish(AskResult r) {
        AskResult.Timings t = r.timings();
        long generate = t == null ? 0 : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(t.generateMs());
        Long firstToken = t == null || t.firstTokenMs() == null ? null
                : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(t.firstTokenMs());
        int removed = r.citationCheck() == null || r.citationCheck().removed() == null ? 0 : r.citationCheck().removed().size();
        events.publish(new dev.jikji.events.AnswerGiven(r.mode().label(), r.abstention() == null ? null : r.abstention().label(),
                removed, generate, firstToken));
        // an abstention before generation spent no generation time: no generate sample, as before
        if (t != null && (t.generateMs() > 0 || !r.abstained())) {
            events.publish(new dev.jikji.events.StageTimed(dev.jikji.events.Stage.GENERATE, generate));
        }
        if (firstToken != null) events.publish(new dev.jikji.events.StageTimed(dev.jikji.events.Stage.FIRST_TOKEN, firstToken));
    }

    private AskResult answer(AskQuery asked, Listener listener) {
        long t0 = System.nanoTime();
        // A follow-up is made standalone first; from here on only that question and the retrieved sources
        // count: earlier answers are never given to the generator, so they can never be cited.
        Standalone standalone = asked.history().isEmpty() || followUps == null ? null
                : followUps.standalone(asked.question(), asked.history(), t0 + config.generator().timeout().toNanos());
        AskQuery query = standalone == null ? asked : new AskQuery(standalone.question(), asked.topK(), asked.filter());
        AskResult result = answerStandalone(query, listener, t0);
        return standalone == null ? result : result.withStandalone(standalone);
    }

    private AskResult answerStandalone(AskQuery query, Listener listener, long t0) {
        SearchResult found = search.search(new SearchQuery(query.question(), query.topK(), query.filter()));
        long t1 = System.nanoTime();
        String language = found.retrieval().language().equals("ko") ? "ko" : "en";
        List<Source> sources = new ArrayList<>();
        for (SearchHit hit : found.hits()) sources.add(new Source(sources.size() + 1, hit));
        List<String> texts = new ArrayList<>();
        texts.add(query.question());
        sources.forEach(s -> texts.add(s.supportText()));
        TermWeights weights = TermWeights.of(index, texts);
        AnswerGenerator generator = generators.current();
        Context ctx = new Context(found, language, generator, t0, t1);

        double confidence = confidence(query.question(), sources, weights);
        if (sources.isEmpty() || confidence < config.answer().minQuestionCoverage()) {
            return ctx.abstain(Abstention.GATE, String.format(java.util.Locale.ROOT,
                    "the best sources cover %.0f%% of the question (threshold %.0f%%)", confidence * 100,
                    config.answer().minQuestionCoverage() * 100), sources, 0, 0, false, null);
        }
        long deadline = t1 + config.generator().timeout().toNanos();
        StringBuilder streamed = new StringBuilder();
        AnswerGenerator.Generation g = tracing.span("jikji.generate", span -> span.setAttribute("jikji.generator", generator.name())
                .setAttribute("jikji.sources", sources.size()), () -> generator.generate(query.question(), language, sources, weights,
                piece -> {
                    streamed.append(piece);
                    listener.onToken(piece);
                }, deadline));
        long t2 = System.nanoTime();
        boolean wasStreamed = !streamed.isEmpty();
        if (g.finish() == AnswerGenerator.Finish.REFUSED) {
            return ctx.abstain(Abstention.REFUSED, "the generator found no answer in the sources", sources, t2, g.firstTokenNanos(), wasStreamed, null);
        }
        CitationVerifier.Verified v = tracing.span("jikji.verify", () -> verifier.verify(g.text(), g.sourcesUsed(), weights));
        if (v.kept() == 0) {
            LOG.debugf("Abstaining: no supported citation in %s", g.text());
            return ctx.abstain(Abstention.UNSUPPORTED, "no citation in the generated answer is supported by its source", g.sourcesUsed(), t2,
                    g.firstTokenNanos(), wasStreamed, new AskResult.CitationCheck(0, v.removed()));
        }
        String answer = v.answer();
        if (g.finish() == AnswerGenerator.Finish.TIMEOUT) LOG.warnf("Generation cut at the %s timeout", config.generator().timeout());
        return new AskResult(answer, v.citations(), span(g, v.citations()), null, null, generator.mode(), language, ctx.models(),
                ctx.timings(t2, g.firstTokenNanos()), refs(g.sourcesUsed()),
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

    private final class Context {
        final SearchResult found;
        final String language;
        final AnswerGenerator generator;
        final long t0;
        final long t1;

        Context(SearchResult found, String language, AnswerGenerator generator, long t0, long t1) {
            this.found = found;
            this.language = language;
            this.generator = generator;
            this.t0 = t0;
            this.t1 = t1;
        }

        AskResult.Models models() {
            return new AskResult.Models(embeddings.spec().name(), found.retrieval().reranker(), generator.name(),
                    generator.executionProvider());
        }

        AskResult.Timings timings(long t2, long firstToken) {
            long end = System.nanoTime();
            long rerankMs = found.timings().rerankMs();
            return new AskResult.Timings(Math.max(0, ms(t1 - t0) - rerankMs), rerankMs, t2 == 0 ? 0 : ms(t2 - t1),
                    firstToken == 0 ? null : ms(firstToken - t0), ms(end - t0));
        }

        AskResult abstain(Abstention why, String reason, List<Source> nearest, long t2, long firstToken, boolean streamed,
                AskResult.CitationCheck check) {
            return new AskResult(Prompts.abstention(language), List.of(), why, reason, generator.mode(),
                    language, models(), timings(t2, firstToken), refs(nearest.subList(0, Math.min(3, nearest.size()))),
                    check, streamed);
        }
    }
}
