package dev.jikji.embed;

import dev.jikji.events.ModelInUse;
import dev.jikji.tracing.TracePropagation;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.problem.ModelServerCalls;
import dev.jikji.onnx.SessionLanes.Lane;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The configured embedding model: with {@code jikji.embedding.kind=embedded} the ONNX encoder in
 * {@code jikji.embedding.model-dir} when one is installed there, otherwise the embedded e5-small-v2 int8; with
 * {@code openai} a model behind an OpenAI-compatible server ({@link RemoteEmbeddingModel}). Hands out its query and
 * passage views.
 */
@Startup
@ApplicationScoped
public class EmbeddingModels implements ModelInUse {

    private static final Logger LOG = Logger.getLogger(EmbeddingModels.class);

    /** Where a remote model runs, as responses and readiness report it (an ONNX model names its execution provider). */
    public static final String REMOTE = "remote";

    private final OnnxEncoder encoder; // null for a remote model
    private final EncoderSpec spec;
    private final EmbeddingModel queryModel;
    private final EmbeddingModel passageModel;
    private final boolean embeddedDefault;
    private final VectorLanguages vectorLanguages;
    private final String fingerprint;

    @Inject
    public EmbeddingModels(JikjiConfig config, ObjectMapper json, OnnxSessionFactory sessions) {
        JikjiConfig.Embedding cfg = config.embedding();
        if (cfg.kind() == JikjiConfig.Embedding.Kind.OPENAI) {
            this.encoder = null;
            this.embeddedDefault = false;
            JikjiConfig.Embedding.OpenAi remote = cfg.openai();
            String url = remote.baseUrl().orElseThrow(() -> new IllegalStateException(
                    "jikji.embedding.kind=openai needs jikji.embedding.openai.base-url"));
            List<String> languages = remote.languages().orElseThrow(() -> new IllegalStateException(
                    "jikji.embedding.kind=openai needs jikji.embedding.openai.languages: the languages the model covers,"
                            + " e.g. ko,en (or * for all)"));
            String display = remote.model() + " @ " + url;
            ModelServerCalls calls = new ModelServerCalls("embedding server " + display, remote.timeout(),
                    remote.maxConcurrent());
            EmbeddingModel server = OpenAiEmbeddingModel.builder()
                    .httpClientBuilder(TracePropagation.langChain4j())
                    .baseUrl(url).apiKey(remote.apiKey().orElse("none")).modelName(remote.model())
                    .timeout(remote.timeout()).maxRetries(0) // a retry would double the time-out; the caller retries on 503
                    .maxSegmentsPerBatch(cfg.batchSize()).build();
            String queryPrefix = remote.queryPrefix().orElse("");
            String passagePrefix = remote.passagePrefix().orElse("");
            RemoteEmbeddingModel passages = new RemoteEmbeddingModel(server, calls, passagePrefix, display,
                    remote.dimension().orElse(0));
            int dimension = remote.dimension().orElseGet(() -> probeDimension(passages, display));
            this.passageModel = passages;
            this.queryModel = new CachedQueryEmbeddings(new RemoteEmbeddingModel(server, calls, queryPrefix, display, dimension),
                    cfg.queryCacheSize());
            this.spec = new EncoderSpec(display, dimension, 0, null, true, queryPrefix, passagePrefix, languages, null);
            // the same model answers alike wherever it is served: its name, not its URL, identifies the vectors
            this.fingerprint = "remote:" + remote.model() + "|dim=" + dimension + "|qprefix=" + queryPrefix
                    + "|prefix=" + passagePrefix;
        } else {
            EncoderSpec.Located installed = EncoderSpec.locate(cfg.modelDir(), json);
            this.embeddedDefault = installed == null;
            EncoderSpec.Located located = installed != null ? installed : EncoderSpec.embedded();
            try {
                this.encoder = new OnnxEncoder(located, sessions, cfg.sessions(), cfg.querySessions(), cfg.batchSize(),
                        cfg.bulkYield());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot load embedding model from " + located.model() + ": " + e.getMessage(), e);
            }
            this.spec = encoder.spec();
            this.queryModel = new CachedQueryEmbeddings(new PrefixedEmbeddingModel(encoder, spec.queryPrefix(), Lane.QUERY),
                    cfg.queryCacheSize());
            this.passageModel = new PrefixedEmbeddingModel(encoder, spec.passagePrefix(), Lane.BULK);
            this.fingerprint = fingerprint(spec);
        }
        this.vectorLanguages = new VectorLanguages(spec, cfg.uncoveredLanguages());
        String chunksGet = VectorLanguages.ALL.equals(vectorLanguages.fingerprint()) ? "every language"
                : vectorLanguages.fingerprint() + " only (jikji.embedding.uncovered-languages=skip)";
        if (encoder == null) {
            LOG.infof("Embedding model: %s (remote, OpenAI-compatible), dimension %d%s, languages %s, at most %d"
                            + " request(s) in flight, batch %d, time-out %s; chunks get vectors in %s",
                    spec.name(), spec.dimension(), cfg.openai().dimension().isPresent() ? " (configured)" : " (from the server)",
                    spec.languages(), cfg.openai().maxConcurrent(), cfg.batchSize(), cfg.openai().timeout(), chunksGet);
        } else {
            LOG.infof("Embedding model: %s (%s), dimension %d, languages %s, execution provider %s, %d session(s)"
                            + " + %d for queries only, batch %d; chunks get vectors in %s",
                    spec.name(), embeddedDefault ? "embedded default" : "from " + cfg.modelDir().toAbsolutePath(),
                    spec.dimension(), spec.languages(), encoder.executionProvider(), cfg.sessions(), cfg.querySessions(),
                    cfg.batchSize(), chunksGet);
        }
    }

    /** One text embedded at start, so the index learns the dimension before any vector is written. */
    private static int probeDimension(RemoteEmbeddingModel model, String display) {
        try {
            return model.embed("dimension probe").content().dimension();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the dimension of embedding server " + display + " (" + e.getMessage()
                    + "); start it first, or set jikji.embedding.openai.dimension", e);
        }
    }

    public EmbeddingModel queryModel() {
        return queryModel;
    }

    public EmbeddingModel passageModel() {
        return passageModel;
    }

    /** The query view as LangChain4j's {@code EmbeddingModel} bean, for AiServices or quarkus-langchain4j users. */
    @Produces
    @Default
    @Unremovable
    @ApplicationScoped
    EmbeddingModel queryEmbeddingModel() {
        return queryModel;
    }

    /** The passage view: {@code @Inject @Passage EmbeddingModel}. */
    @Produces
    @Passage
    @Unremovable
    @ApplicationScoped
    EmbeddingModel passageEmbeddingModel() {
        return passageModel;
    }

    /**
     * Counts in the model's own tokenizer, or null for a remote model (its tokenizer is on the server): chunks are
     * then sized in characters ({@code jikji.chunking.target-characters}).
     */
    public TokenCounter tokenCounter() {
        return encoder;
    }

    @Override
    public Info modelInUse() {
        return new Info("embedding", spec().name(), executionProvider());
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** Which chunks get a vector. */
    public VectorLanguages vectorLanguages() {
        return vectorLanguages;
    }

    public String executionProvider() {
        return encoder == null ? REMOTE : encoder.executionProvider();
    }

    public boolean isEmbeddedDefault() {
        return embeddedDefault;
    }

    /** Identifies the vectors this model makes; an index built by another model must not be mixed with it. */
    /** The {@link #fingerprint()} of an in-process encoder: what an index records of the model that made its vectors. */
    public static String fingerprint(EncoderSpec spec) {
        return spec.name() + "|dim=" + spec.dimension() + "|pooling=" + spec.pooling() + "|prefix=" + spec.passagePrefix();
    }

    public String fingerprint() {
        return fingerprint;
    }

    @PreDestroy
    public void close() {
        if (encoder != null) encoder.close();
    }
}
