package dev.jikji.observe;

import dev.jikji.admission.WorkAdmission;
import dev.jikji.events.AnswerGiven;
import dev.jikji.events.DocumentsIngested;
import dev.jikji.events.ModelInUse;
import dev.jikji.events.SlackRequestReceived;
import dev.jikji.events.StageTimed;
import dev.jikji.events.WarmedUp;
import dev.jikji.feedback.FeedbackRecorder;
import dev.jikji.index.SearchIndex;
import io.quarkus.arc.All;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Jikji's meters on the registry of quarkus-micrometer (Prometheus, scraped at {@code /q/metrics} on the
 * management port, next to the extension's HTTP server and JVM meters). Attached, not called: it observes the
 * events that ingest, the pipeline and Slack publish ({@code dev.jikji.events}); gauges over the index and the
 * models in use ({@link ModelInUse} beans) are registered at start-up.
 */
@ApplicationScoped
public class Metrics {

    public static final List<String> STAGES = List.of("embed", "retrieve", "rerank", "generate", "first_token");

    private static final String VECTORS_HELP = "Chunk vectors ingest wrote: embedded, or reused from the index for a"
            + " chunk an update (or a rebuild) left unchanged";

    private final MeterRegistry registry;
    private final Counter documents;
    private final Counter chunks;
    private final Counter vectorsEmbedded;
    private final Counter vectorsReused;
    private final Counter citationsRemoved;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.documents = Counter.builder("jikji.documents.ingested")
                .description("Documents created or updated by ingest (unchanged ones are not counted)").register(registry);
        this.chunks = Counter.builder("jikji.chunks.ingested")
                .description("Chunks written to the index by ingest").register(registry);
        this.vectorsEmbedded = Counter.builder("jikji.ingest.vectors").tag("source", "embedded")
                .description(VECTORS_HELP).register(registry);
        this.vectorsReused = Counter.builder("jikji.ingest.vectors").tag("source", "reused")
                .description(VECTORS_HELP).register(registry);
        this.citationsRemoved = Counter.builder("jikji.citations.removed")
                .description("Citation markers removed from generated answers because their source did not support them")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Registers the gauges; after the Reindexer and the CorpusSeeder so the models are loaded. */
    void onStart(@Observes @Priority(20) StartupEvent event, SearchIndex index, @All List<ModelInUse> models,
            FeedbackRecorder feedback, WorkAdmission admission) {
        Gauge.builder("jikji.admission.working", admission, a -> a.working())
                .description("Requests doing work now (jikji.limits.concurrent-work slots)").register(registry);
        Gauge.builder("jikji.admission.waiting", admission, a -> a.waitingInteractive()).tag("class", "interactive")
                .description("Requests waiting for a slot: searches and answers go first").register(registry);
        Gauge.builder("jikji.admission.waiting", admission, a -> a.waitingBulk()).tag("class", "bulk")
                .description("Requests waiting for a slot: searches and answers go first").register(registry);
        Gauge.builder("jikji.admission.ingest.niceness", admission, a -> a.ingestNiceness().isPresent() ? a.ingestNiceness().getAsInt() : Double.NaN)
                .description("Nice value ingest steps ran at (NaN until one ran, or when they run on the request's thread)")
                .register(registry);
        Gauge.builder("jikji.index.documents", index, i -> i.countDocuments())
                .description("Documents in the index").register(registry);
        Gauge.builder("jikji.index.chunks", index, i -> i.countChunks())
                .description("Chunks in the index").register(registry);
        Gauge.builder("jikji.index.chunks.embedded", index, i -> i.countEmbeddedChunks())
                .description("Chunks in the index that have a vector (the others are in a language the embedder does not declare)")
                .register(registry);
        for (ModelInUse m : models) {
            ModelInUse.Info info = m.modelInUse();
            modelInfo(info.role(), info.name(), info.executionProvider());
        }
        for (FeedbackRecorder.Vote vote : FeedbackRecorder.Vote.values()) {
            for (FeedbackRecorder.Channel channel : FeedbackRecorder.Channel.values()) {
                FunctionCounter.builder("jikji.feedback", feedback, f -> f.count(vote, channel))
                        .description("Feedback votes on answers, from Slack and the web page").tag("vote", vote.label())
                        .tag("channel", channel.label()).register(registry);
            }
            // kept from before the web page had votes: the Slack share of jikji_feedback_total
            FunctionCounter.builder("jikji.slack.feedback", feedback, f -> f.count(vote, FeedbackRecorder.Channel.SLACK))
                    .description("Feedback votes on Slack answers").tag("vote", vote.label())
                    .register(registry);
        }
    }

    private void modelInfo(String role, String name, String provider) {
        Gauge.builder("jikji.model.info", () -> 1).description("The model in use for each role (value is always 1)")
                .tag("role", role).tag("name", String.valueOf(name)).tag("execution_provider", String.valueOf(provider))
                .register(registry);
    }

    void onIngest(@Observes DocumentsIngested e) {
        documents.increment(e.documents());
        chunks.increment(e.chunks());
        vectorsEmbedded.increment(e.vectorsEmbedded());
        vectorsReused.increment(e.vectorsReused());
    }

    void onStage(@Observes StageTimed e) {
        recordStage(e.stage().label(), e.nanos());
    }

    /** Time spent in one stage: embed, retrieve, rerank, generate, first_token. */
    public void recordStage(String stage, long nanos) {
        stageTimer(stage).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    public Timer stageTimer(String stage) {
        return Timer.builder("jikji.stage").description("Latency of each stage of ingest, search and answering")
                .tag("stage", stage).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    /** An answer: its mode, whether and why it abstained (gate, refused, unsupported), citations removed. */
    void onAnswer(@Observes AnswerGiven e) {
        Counter.builder("jikji.answers").description("Answers given, by generator mode and abstention")
                .tag("mode", String.valueOf(e.mode())).tag("abstained", String.valueOf(e.abstained())).register(registry)
                .increment();
        if (e.abstained()) {
            Counter.builder("jikji.abstentions").description("Abstentions by coarse reason: gate, refused, unsupported")
                    .tag("reason", e.abstention()).register(registry).increment();
        }
        citationsRemoved.increment(e.citationsRemoved());
    }

    /** The start-up warm-up's searches and answers (counted nowhere else) and how long it took, as gauges. */
    void onWarmedUp(@Observes WarmedUp e) {
        Gauge.builder("jikji.warmup.requests", () -> e.searches()).tag("kind", "search")
                .description("Searches and answers the start-up warm-up ran before the server turned ready").register(registry);
        Gauge.builder("jikji.warmup.requests", () -> e.asks()).tag("kind", "ask")
                .description("Searches and answers the start-up warm-up ran before the server turned ready").register(registry);
        Gauge.builder("jikji.warmup.duration", () -> e.nanos() / 1e9).baseUnit("seconds")
                .description("How long the start-up warm-up ran (jikji.search.warm-up)").register(registry);
    }

    void onSlackRequest(@Observes SlackRequestReceived e) {
        String type = e.type();
        Counter.builder("jikji.slack.events").description("Requests from Slack by event type")
                .tag("type", type == null || type.isBlank() ? "unknown" : type).register(registry).increment();
    }
}
