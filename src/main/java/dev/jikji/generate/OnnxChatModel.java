package dev.jikji.generate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.onnx.OnnxThreads;
import dev.jikji.onnx.RunGate;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A decoder LLM exported to ONNX (Hugging Face/Optimum layout, e.g. onnx-community/Qwen2.5-1.5B-Instruct) running
 * in this process with a KV cache, as a LangChain4j chat model, streaming or not.
 *
 * <p>Both {@code doChat} methods block until the answer is complete; the streaming one calls its handler on the
 * ONNX thread that generates, one call per text piece, then {@code onCompleteResponse} once (or {@code onError}).
 * Generations may run concurrently, each with its own KV cache.
 */
public final class OnnxChatModel implements ChatModel, StreamingChatModel, ContextWindow, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OnnxChatModel.class);

    /** Used when neither the options nor config.json give a context window. */
    static final int DEFAULT_CONTEXT_TOKENS = 4096;

    /**
     * Decoding defaults, which request parameters override.
     *
     * @param temperature 0 decodes greedily
     * @param contextTokens prompt and answer together; 0 takes config.json's max_position_embeddings, else 4096
     * @param timeout a generation running longer is cut and returned as it stands (FinishReason OTHER); null: none
     * @param chatTemplate chatml, qwen3, llama3 or gemma; null to recognise it from tokenizer_config.json
     */
    public record Options(int maxNewTokens, double temperature, double topP, long seed, int contextTokens,
            Duration timeout, String chatTemplate) {

        public Options {
            if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be at least 1, not " + maxNewTokens);
            if (temperature < 0) throw new IllegalArgumentException("temperature must be 0 or more, not " + temperature);
            if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], not " + topP);
            if (contextTokens < 0) throw new IllegalArgumentException("contextTokens must be 0 (the model's) or more");
        }

        public Options(int maxNewTokens, double temperature, double topP, long seed, int contextTokens) {
            this(maxNewTokens, temperature, topP, seed, contextTokens, null, null);
        }
    }

    private final DecoderSpec spec;
    private final Options options;
    private final OnnxSessionFactory.OpenedSession opened;
    private final DecoderSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final PromptEncoder promptEncoder;
    private final ChatTemplate template;
    private final Set<Long> stopTokens;
    private final int contextTokens;
    private final RunGate gate = new RunGate("the generator");

    public OnnxChatModel(Path modelDir, OnnxSessionFactory sessions, Options options) throws IOException, OrtException {
        this.spec = DecoderSpec.read(modelDir);
        this.options = options;
        TokenizerVocabulary vocabulary = TokenizerVocabulary.read(spec.tokenizer());
        this.template = ChatTemplates.choose(options.chatTemplate(), spec.chatTemplate());
        Set<Long> stops = new HashSet<>(spec.eosTokenIds());
        for (String special : template.specialTokens()) {
            if (vocabulary.id(special).isEmpty()) {
                throw new IllegalStateException("Chat template " + template.name() + " needs the special token " + special
                        + ", which " + spec.tokenizer() + " does not have: the template does not fit this tokenizer");
            }
        }
        stops.add(vocabulary.id(template.endOfTurn()).orElseThrow());
        if (spec.eosToken() != null) vocabulary.id(spec.eosToken()).ifPresent(stops::add);
        this.stopTokens = Set.copyOf(stops);
        this.contextTokens = contextWindow(options.contextTokens(), spec.maxPositionEmbeddings());

        this.tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(spec.tokenizer())
                .optAddSpecialTokens(false) // the templates write BOS themselves where the family has one
                .optTruncation(false)
                .optPadding(false)
                .build();
        this.promptEncoder = new PromptEncoder(text -> tokenizer.encode(text, false, false).getIds(), vocabulary.addedTokens());
        OnnxSessionFactory.OpenedSession openedSession = null;
        try {
            openedSession = sessions.open(spec.model());
            this.session = new DecoderSession(openedSession.session());
            session.requireVocabulary(vocabulary.size(), spec.tokenizer().getFileName().toString());
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            if (openedSession != null) openedSession.session().close();
            throw e;
        }
        this.opened = openedSession;
        DecoderSignature sig = session.signature();
        LOG.infof("Generator %s: %d layers, %d KV heads × %d, %s KV cache, %s template, context %d tokens, on %s",
                spec.name(), sig.layers(), sig.kvHeads(), sig.headDim(), sig.cacheTypeName(), template.name(),
                contextTokens, opened.executionProvider());
    }

    private static int contextWindow(int asked, int modelMax) {
        if (asked > 0) {
            if (modelMax > 0 && asked > modelMax) {
                LOG.warnf("Generator context of %d tokens asked, but the model was trained for %d; using %d", asked,
                        modelMax, modelMax);
                return modelMax;
            }
            return asked;
        }
        return modelMax > 0 ? modelMax : DEFAULT_CONTEXT_TOKENS;
    }

    /** config.json's {@code _name_or_path}, else the model folder's name. */
    public String name() {
        return spec.name();
    }

    /** "CUDA" or "CPU". */
    public String executionProvider() {
        return opened.executionProvider();
    }

    /** Prompt and answer together may not exceed this. */
    @Override
    public int contextTokens() {
        return contextTokens;
    }

    public Options options() {
        return options;
    }

    public String templateName() {
        return template.name();
    }

    /** Tokens of {@code text} alone, no special tokens: for budgeting sources. */
    @Override
    public int countTokens(String text) {
        return gate.run(() -> tokenizer.encode(text, false, false).getIds().length);
    }

    /** Tokens of the whole prompt these messages make, template included. */
    public int countPromptTokens(List<ChatMessage> messages) {
        return gate.run(() -> encodePrompt(messages).length);
    }

    private long[] encodePrompt(List<ChatMessage> messages) {
        return promptEncoder.encode(template.pieces(messages));
    }

    /**
     * Generates an answer to {@code request}, handing each text piece to {@code onText} as soon as it is complete.
     *
     * @param cancelled checked before every token; true ends the generation with what it has (FinishReason OTHER)
     * @throws PromptTooLongException when the prompt fills the context window
     */
    public Generation generate(ChatRequest request, Consumer<String> onText, BooleanSupplier cancelled)
            throws OrtException {
        return gate.run(() -> generateOpen(request, onText, cancelled));
    }

    private Generation generateOpen(ChatRequest request, Consumer<String> onText, BooleanSupplier cancelled)
            throws OrtException {
        GenerationSettings settings = settings(request);
        long[] prompt = encodePrompt(request.messages());
        // a shutdown ends the generation at the next token, so the model can be closed (see RunGate)
        BooleanSupplier stop = () -> cancelled.getAsBoolean() || gate.closing();
        if (options.timeout() != null && !options.timeout().isZero()) {
            long deadline = System.nanoTime() + options.timeout().toNanos();
            BooleanSupplier untimed = stop;
            stop = () -> untimed.getAsBoolean() || System.nanoTime() - deadline > 0;
        }
        BooleanSupplier finalStop = stop;
        DecodingLoop loop = new DecodingLoop(session, ids -> tokenizer.decode(ids, true));
        return OnnxThreads.call(() -> gate.run(() -> loop.run(prompt, contextTokens, settings, onText, finalStop)));
    }

    private GenerationSettings settings(ChatRequest request) {
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            throw new IllegalArgumentException("The ONNX chat model does not call tools");
        }
        Integer max = request.maxOutputTokens();
        Double temperature = request.temperature();
        Double topP = request.topP();
        List<String> stops = request.stopSequences() == null ? List.of() : new ArrayList<>(request.stopSequences());
        return new GenerationSettings(
                max != null && max > 0 ? max : options.maxNewTokens(),
                temperature != null ? temperature : options.temperature(),
                topP != null ? topP : options.topP(),
                options.seed(), stopTokens, stops);
    }

    /** The options' defaults, so that {@code chat(...)} merges them under the request's own parameters. */
    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder()
                .modelName(spec.name())
                .temperature(options.temperature())
                .topP(options.topP())
                .maxOutputTokens(options.maxNewTokens())
                .build();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        try {
            return response(generate(request, piece -> {}, () -> false));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed while generating: " + e.getMessage(), e);
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Generation generation;
        try {
            generation = generate(request, handler::onPartialResponse, () -> false);
        } catch (Exception | Error e) {
            handler.onError(e);
            return;
        }
        handler.onCompleteResponse(response(generation));
    }

    private ChatResponse response(Generation g) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(g.text()))
                .modelName(spec.name())
                .finishReason(g.finishReason())
                .tokenUsage(new TokenUsage(g.promptTokens(), g.outputTokens()))
                .build();
    }

    @Override
    public void close() {
        if (!gate.closeWhenIdle(Duration.ofSeconds(10))) return; // still generating at exit: see RunGate
        tokenizer.close();
        try {
            opened.session().close();
        } catch (OrtException ignored) {
            // shutting down: nothing more to do with it
        }
    }
}
