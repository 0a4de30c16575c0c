package dev.jikji.observe;

import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.SearchIndex;
import dev.jikji.rag.AnswerGenerator;
import dev.jikji.rag.AnswerGenerators;
import dev.jikji.rerank.Rerankers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Jikji's checks for SmallRye Health: {@code /q/health/started} (start-up work done), {@code /q/health/ready}
 * (start-up done, nothing holding the server, not shutting down, index not being rebuilt, which models answer) and
 * {@code /q/health/live} (UP while the process serves). Each check reads a state object and says only status,
 * phase, reason and model names: never document or chunk counts nor paths, since health is answered without a
 * key (on the management port; README "Observability"). A new condition is one more producer method here.
 */
@ApplicationScoped
public class HealthChecks {

    /** DOWN until start-up work (model loading, index rebuild, seeding) is done; the Kubernetes start-up probe. */
    @Produces
    @Startup
    @ApplicationScoped
    HealthCheck started(dev.jikji.observe.Readiness readiness) {
        return () -> HealthCheckResponse.named("started")
                .status(readiness.phase() != dev.jikji.observe.Readiness.Phase.STARTING)
                .withData("phase", phase(readiness)).build();
    }

    /** DOWN while starting, while something holds readiness, and again once shutdown begins (draining). */
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck startup(dev.jikji.observe.Readiness readiness) {
        return () -> {
            String reason = readiness.reason();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("startup").status(reason == null)
                    .withData("phase", reason == null ? "ready" : phase(readiness));
            if (reason != null) b.withData("reason", reason);
            return b.build();
        };
    }

    /** DOWN while a set-aside index is still being re-ingested: searches would miss documents. */
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck index(SearchIndex index) {
        return () -> {
            try {
                boolean rebuilding = index.reindexSource().isPresent();
                // a failed write (disk full, I/O): DOWN with the cause until a commit succeeds (tryRecover retries)
                if (!index.tryRecover() && index.writeFailure().isPresent()) {
                    return HealthCheckResponse.named("index").down().withData("rebuilding", rebuilding)
                            .withData("writes", "failing").withData("reason", index.writeFailure().get().reason()).build();
                }
                // the analysis fingerprint (hashes, no paths): replicas that disagree on synonyms or nouns show it here
                return HealthCheckResponse.named("index").status(!rebuilding).withData("rebuilding", rebuilding)
                        .withData("analysis", index.analyzer().fingerprint()).build();
            } catch (RuntimeException e) {
                // the exception's message may name paths: its type is enough for a probe, the log has the rest
                return HealthCheckResponse.named("index").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck embeddingModel(EmbeddingModels embeddings) {
        return () -> HealthCheckResponse.named("embedding-model").up()
                .withData("name", embeddings.spec().name()).withData("dimension", embeddings.spec().dimension())
                .withData("executionProvider", embeddings.executionProvider())
                .withData("vectorLanguages", embeddings.vectorLanguages().fingerprint())
                .withData("embeddedDefault", embeddings.isEmbeddedDefault()).build();
    }

    /** Which reranker and generator answer questions, so nobody mistakes quoted sentences for an LLM. */
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck answering(Rerankers rerankers, AnswerGenerators generators) {
        return () -> {
            AnswerGenerator g = generators.current();
            return HealthCheckResponse.named("answering").up().withData("reranker", rerankers.name())
                    .withData("generator", g.name()).withData("mode", String.valueOf(g.mode()))
                    .withData("executionProvider", String.valueOf(g.executionProvider())).build();
        };
    }

    private static String phase(dev.jikji.observe.Readiness readiness) {
        return readiness.phase().name().toLowerCase(Locale.ROOT);
    }
}
