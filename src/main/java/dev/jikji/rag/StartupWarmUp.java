package dev.jikji.rag;

import dev.jikji.config.JikjiConfig;
import dev.jikji.events.EventSink;
import dev.jikji.events.Unobserved;
import dev.jikji.events.WarmedUp;
import dev.jikji.index.DocumentListQuery;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.StoredChunk;
import dev.jikji.ingest.SentenceSplitter;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.SearchQuery;
import dev.jikji.tracing.Tracing;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs searches and extractive answers over the index's own sentences for {@code jikji.search.warm-up} before the
 * server turns ready, so the first minute after a deploy is not paid by users: a cold JVM answered searches 10 to
 * 50 times slower for its first 15 s (README "Load run", stop 27) while classes loaded and the JIT compiled Nori,
 * Lucene's scorers and the reranker. Nobody's request: no events (meters, answer counts), no recorded spans, results
 * dropped, nothing logged about what was found; only {@link WarmedUp} says that it ran.
 */
@ApplicationScoped
public class StartupWarmUp {

    private static final Logger LOG = Logger.getLogger(StartupWarmUp.class);
    static final int DOCUMENTS = 50;
    static final int CHUNKS_PER_DOCUMENT = 2;
    // every 4th query is also asked, about the share of answers in bin/load's default mix (80:10:10)
    private static final int ASK_EVERY = 4;

    // after the Reindexer (1), the CorpusSeeder (10) and Metrics (20); before Readiness (1000) turns READY
    void onStart(@Observes @Priority(900) StartupEvent event, JikjiConfig config, SearchIndex index, RerankedSearch search,
            AskService ask, AnswerGenerators generators, Tracing tracing, EventSink events) {
        Duration budget = config.search().warmUp();
        if (budget.isZero() || budget.isNegative()) return;
        // an LLM would be asked hundreds of questions for nothing: only the in-process extractive answerer warms up
        boolean asks = generators.current().mode() == AnswerMode.EXTRACTIVE;
        List<String> queries = queries(index);
        if (queries.isEmpty()) {
            LOG.info("Warm-up skipped: the index is empty");
            return;
        }
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        int searches = 0;
        int answers = 0;
        try {
            int[] counts = Unobserved.run(() -> tracing.unsampled(() -> run(queries, deadline, asks, search, ask, config)));
            searches = counts[0];
            answers = counts[1];
        } catch (RuntimeException e) {
            // a remote model server not up yet must not keep the server from starting: the warm-up is only an optimisation
            LOG.warnf("Warm-up stopped early: %s", e.getClass().getSimpleName());
        }
        long nanos = System.nanoTime() - t0;
        events.publish(new WarmedUp(searches, answers, nanos));
        LOG.infof("Warmed up the search path: %d searches and %d answers over %d sentences of the index in %d ms",
                searches, answers, queries.size(), nanos / 1_000_000);
    }

    /** Until the deadline, round after round; returns {searches, asks}. */
    static int[] run(List<String> queries, long deadline, boolean asks, RerankedSearch search, AskService ask, JikjiConfig config) {
        int searches = 0;
        int answers = 0;
        while (System.nanoTime() < deadline) {
            for (String q : queries) {
                if (System.nanoTime() >= deadline) break;
                // both filter shapes requests take: unrestricted (auth off) and a caller's groups (the ACL clause)
                SearchFilter filter = searches % 2 == 0 ? SearchFilter.NONE : SearchFilter.visibleTo(Set.of());
                search.search(new SearchQuery(q, config.search().defaultTopK(), filter));
                searches++;
                if (asks && searches % ASK_EVERY == 0) {
                    ask.ask(new AskQuery(q, config.answer().defaultTopK(), filter), AskService.Listener.NONE);
                    answers++;
                }
            }
        }
        return new int[] {searches, answers};
    }

    /** Up to two sentences of the first two chunks of the first documents (id order): the index's own languages. */
    static List<String> queries(SearchIndex index) {
        List<String> out = new ArrayList<>();
        for (DocumentRecord d : index.listDocuments(new DocumentListQuery(null, null, DOCUMENTS, null)).documents()) {
            if (d.title() != null && !d.title().isBlank()) out.add(d.title().strip());
            for (StoredChunk c : index.chunksOf(d.id(), null, CHUNKS_PER_DOCUMENT)) {
                int taken = 0;
                for (String s : SentenceSplitter.sentences(c.text())) {
                    String q = s.strip();
                    if (q.length() < 10 || q.length() > 300) continue;
                    out.add(q);
                    if (++taken == 2) break;
                }
            }
        }
        return out;
    }
}
