package dev.jikji.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.onnx.SessionLanes.Lane;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The configured embedding model: the ONNX encoder in {@code jikji.embedding.model-dir} when one is
 * installed there, otherwise the embedded e5-small-v2 int8. Hands out its query and passage views.
 */
@Startup
@ApplicationScoped
public class EmbeddingModels implements dev.jikji.events.ModelInUse {

    private static final Logger LOG = Logger.getLogger(EmbeddingModels.class);

    private final OnnxEncoder encoder;
    private final EmbeddingModel queryModel;
    private final EmbeddingModel passageModel;
    private final boolean embeddedDefault;
    private final VectorLanguages vectorLanguages;

    @Inject
    public EmbeddingModels(JikjiConfig config, ObjectMapper json, OnnxSessionFactory sessions) {
        JikjiConfig.Embedding cfg = config.embedding();
        EncoderSpec.Located installed = EncoderSpec.locate(cfg.modelDir(), json);
        this.embeddedDefault = installed == null;
        EncoderSpec.Located located = installed != null ? installed : EncoderSpec.embedded();
        try {
            this.encoder = new OnnxEncoder(located, sessions, cfg.sessions(), cfg.querySessions(), cfg.batchSize());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load embedding model from " + located.model() + ": " + e.getMessage(), e);
        }
        EncoderSpec spec = encoder.spec();
        this.vectorLanguages = new VectorLanguages(spec, cfg.uncoveredLanguages());
        this.queryModel = new PrefixedEmbeddingModel(encoder, spec.queryPrefix(), Lane.QUERY);
        this.passageModel = new PrefixedEmbeddingModel(encoder, spec.passagePrefix(), Lane.BULK);
        LOG.infof("Embedding model: %s (%s), dimension %d, languages %s, execution provider %s, %d session(s)"
                        + " + %d for queries only, batch %d; chunks get vectors in %s",
                spec.name(), embeddedDefault ? "embedded default" : "from " + cfg.modelDir().toAbsolutePath(),
                spec.dimension(), spec.languages(), encoder.executionProvider(), cfg.sessions(), cfg.querySessions(),
                cfg.batchSize(), VectorLanguages.ALL.equals(vectorLanguages.fingerprint()) ? "every language"
                        : vectorLanguages.fingerprint() + " only (jikji.embedding.uncovered-languages=skip)");
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

    public TokenCounter tokenCounter() {
        return encoder;
    }

    @Override
    public Info modelInUse() {
        return new Info("embedding", spec().name(), executionProvider());
    }

    public EncoderSpec spec() {
        return encoder.spec();
    }

    /** Which chunks get a vector. */
    public VectorLanguages vectorLanguages() {
        return vectorLanguages;
    }

    public String executionProvider() {
        return encoder.executionProvider();
    }

    public boolean isEmbeddedDefault() {
        return embeddedDefault;
    }

    /** Identifies the vectors this model makes; an index built by another model must not be mixed with it. */
    public String fingerprint() {
        EncoderSpec s = encoder.spec();
        return s.name() + "|dim=" + s.dimension() + "|pooling=" + s.pooling() + "|prefix=" + s.passagePrefix();
    }

    @PreDestroy
    public void close() {
        encoder.close();
    }
}
