package dev.jikji.rag;

import dev.jikji.events.ModelInUse;
import dev.jikji.generate.ControlTokens;
import dev.jikji.tracing.TracePropagation;
import dev.jikji.config.JikjiConfig;
import dev.jikji.generate.ContextWindow;
import dev.jikji.generate.OnnxChatModel;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/**
 * The configured answer generator. {@code auto} takes the in-process ONNX decoder when one is installed
 * in {@code jikji.generator.model-dir}, else an OpenAI-compatible server when its URL is configured,
 * else the extractive answerer, and logs which, so nobody mistakes quoted sentences for an LLM.
 */
@Startup
@ApplicationScoped
public class AnswerGenerators implements ModelInUse {

    private static final Logger LOG = Logger.getLogger(AnswerGenerators.class);

    /** Context window assumed for a remote model when none is configured. */
    static final int REMOTE_DEFAULT_CONTEXT = 8192;

    private final AnswerGenerator current;
    private AutoCloseable resource;
    // the generator's model as LangChain4j sees it; both null for the extractive answerer
    private dev.langchain4j.model.chat.ChatModel chatModel;
    private dev.langchain4j.model.chat.StreamingChatModel streamingChatModel;

    @Inject
    public AnswerGenerators(JikjiConfig config, OnnxSessionFactory sessions) {
        this.current = create(config, sessions);
        LOG.infof("Answer generator: %s (mode %s, execution provider %s)", current.name(), current.mode(),
                current.executionProvider());
    }

    @Override
    public Info modelInUse() {
        return new Info("generator", current().name(), current().executionProvider());
    }

    public AnswerGenerator current() {
        return current;
    }

    /**
     * The configured generator's model as LangChain4j's {@code ChatModel} bean (the in-process ONNX decoder, or the
     * OpenAI-compatible server), for an AiServices; null when the extractive answerer is in use (no LLM), hence
     * dependent scope: inject {@code Instance<ChatModel>} and check.
     */
    @jakarta.enterprise.inject.Produces
    @jakarta.enterprise.context.Dependent
    @io.quarkus.arc.Unremovable
    dev.langchain4j.model.chat.ChatModel chatModel() {
        return chatModel;
    }

    /** The same model, streaming; null with the extractive answerer. */
    @jakarta.enterprise.inject.Produces
    @jakarta.enterprise.context.Dependent
    @io.quarkus.arc.Unremovable
    dev.langchain4j.model.chat.StreamingChatModel streamingChatModel() {
        return streamingChatModel;
    }

    private AnswerGenerator create(JikjiConfig config, OnnxSessionFactory sessions) {
        JikjiConfig.Generator g = config.generator();
        JikjiConfig.Generator.Kind kind = g.kind();
        if (kind == JikjiConfig.Generator.Kind.AUTO) {
            if (Files.isRegularFile(g.modelDir().resolve("model.onnx"))
                    || Files.isRegularFile(g.modelDir().resolve("onnx/model.onnx"))) {
                kind = JikjiConfig.Generator.Kind.ONNX;
            }
            else if (g.openai().baseUrl().isPresent()) kind = JikjiConfig.Generator.Kind.OPENAI;
            else kind = JikjiConfig.Generator.Kind.EXTRACTIVE;
        }
        return switch (kind) {
            case OPENAI -> openAi(g);
            case ONNX -> onnx(config, sessions);
            default -> new ExtractiveAnswerGenerator(config.answer().extractiveMinScore());
        };
    }

    private AnswerGenerator openAi(JikjiConfig.Generator g) {
        String url = g.openai().baseUrl().orElseThrow(() -> new IllegalStateException(
                "jikji.generator.kind=openai needs jikji.generator.openai.base-url"));
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder b = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(TracePropagation.langChain4j())
                .baseUrl(url)
                .apiKey(g.openai().apiKey().orElse("none"))
                .modelName(g.openai().model())
                .temperature(g.temperature())
                .maxTokens(g.maxNewTokens())
                .timeout(g.timeout());
        if (g.temperature() > 0) b.topP(g.topP()).seed((int) g.seed());
        int window = g.contextTokens() > 0 ? g.contextTokens() : REMOTE_DEFAULT_CONTEXT;
        dev.langchain4j.model.openai.OpenAiChatModel.OpenAiChatModelBuilder blocking = dev.langchain4j.model.openai.OpenAiChatModel
                .builder().httpClientBuilder(TracePropagation.langChain4j()).baseUrl(url).apiKey(g.openai().apiKey().orElse("none")).modelName(g.openai().model())
                .temperature(g.temperature()).maxTokens(g.maxNewTokens()).timeout(g.timeout());
        if (g.temperature() > 0) blocking.topP(g.topP()).seed((int) g.seed());
        chatModel = blocking.build();
        streamingChatModel = b.build();
        return new LlmAnswerGenerator(streamingChatModel, ContextWindow.estimated(window), g.maxNewTokens(),
                g.openai().model() + " @ " + url, "remote", g.maxConcurrent() > 0 ? g.maxConcurrent() : 16,
                // the server renders and tokenizes the prompt itself: control tokens in user or document text are broken
                ControlTokens::neutralise);
    }

    private AnswerGenerator onnx(JikjiConfig config, OnnxSessionFactory sessions) {
        JikjiConfig.Generator g = config.generator();
        OnnxChatModel model;
        try {
            model = new OnnxChatModel(g.modelDir(), sessions, new OnnxChatModel.Options(g.maxNewTokens(), g.temperature(),
                    g.topP(), g.seed(), g.contextTokens(), g.timeout(), null));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the ONNX generator from " + g.modelDir().toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        resource = model;
        chatModel = model;
        streamingChatModel = model;
        return new LlmAnswerGenerator(model, model, g.maxNewTokens(), model.name(), model.executionProvider(),
                g.maxConcurrent() > 0 ? g.maxConcurrent() : 2);
    }

    @PreDestroy
    void close() throws Exception {
        if (resource != null) resource.close();
    }
}
