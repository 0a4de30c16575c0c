package dev.jikji.rerank;

import dev.jikji.events.ModelInUse;
import dev.jikji.problem.ModelServerCalls;
import dev.jikji.tracing.TracePropagation;
import dev.jikji.config.JikjiConfig;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.TextTerms;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.langchain4j.model.scoring.ScoringModel;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The reranker in use, chosen by {@code jikji.rerank.kind}: {@code onnx} (the cross-encoder in
 * {@code jikji.rerank.model-dir}; start-up fails without one), {@code tei} (a cross-encoder behind Hugging Face
 * TEI, {@link TeiReranker}), {@code builtin}, {@code none} (fusion order), or {@code auto}: the cross-encoder when
 * installed, else {@link #AUTO_WITHOUT_MODEL}.
 */
@Startup
@ApplicationScoped
public class Rerankers implements ModelInUse {

    private static final Logger LOG = Logger.getLogger(Rerankers.class);

    public enum Kind { AUTO, ONNX, TEI, BUILTIN, NONE }

    /**
     * What {@code auto} uses without a cross-encoder. The built-in reranker is the default only because it
     * measured better than fusion order on both question sets (RerankQualityTest fails otherwise).
     */
    public static final Kind AUTO_WITHOUT_MODEL = Kind.BUILTIN;

    private final Kind kind;
    private final ScoringModel model;
    private final String name;
    private final BuiltinReranker builtin;
    private final OnnxCrossEncoder crossEncoder;
    private final TeiReranker tei;

    @Inject
    public Rerankers(JikjiConfig config, SearchIndex index, TextTerms text, OnnxSessionFactory sessions) {
        JikjiConfig.Rerank cfg = config.rerank();
        Kind configured = parse(cfg.kind());
        boolean installed = OnnxCrossEncoder.installedIn(cfg.modelDir());
        this.kind = choose(configured, installed);
        JikjiConfig.Rerank.Builtin w = cfg.builtin();
        JikjiConfig.Rerank.Builtin.Korean ko = w.korean();
        this.builtin = new BuiltinReranker(text, idfFrom(index),
                new BuiltinReranker.Weights(w.coverage(), w.proximity(), w.heading(), w.prior(), w.priorK(), w.window(),
                        w.sentence(), w.answerType(), w.sentenceBigrams()),
                new BuiltinReranker.Weights(ko.coverage(), ko.proximity(), ko.heading(), ko.prior(), w.priorK(), w.window(),
                        ko.sentence(), ko.answerType(), ko.sentenceBigrams()), cfg.sentenceCacheMb());
        OnnxCrossEncoder ce = null;
        if (kind == Kind.ONNX) {
            if (!installed) {
                throw new IllegalStateException("jikji.rerank.kind=onnx but " + cfg.modelDir().toAbsolutePath()
                        + " holds no model.onnx and tokenizer.json");
            }
            try {
                ce = new OnnxCrossEncoder(cfg.modelDir(), sessions, cfg.batchSize(), cfg.maxLength());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot load the cross-encoder from " + cfg.modelDir().toAbsolutePath()
                        + ": " + e.getMessage(), e);
            }
        }
        this.crossEncoder = ce;
        this.tei = kind == Kind.TEI ? tei(cfg) : null;
        this.model = switch (kind) {
            case ONNX -> crossEncoder;
            case TEI -> tei;
            case BUILTIN -> builtin;
            default -> null;
        };
        this.name = switch (kind) {
            case ONNX -> crossEncoder.name();
            case TEI -> tei.name();
            case BUILTIN -> BuiltinReranker.NAME;
            default -> "none";
        };
        if (kind == Kind.ONNX) {
            LOG.infof("Reranker: %s from %s, execution provider %s, %d candidates, batch %d, max length %d",
                    name, cfg.modelDir().toAbsolutePath(), crossEncoder.executionProvider(), cfg.candidates(),
                    cfg.batchSize(), crossEncoder.maxLength());
        } else if (kind == Kind.TEI) {
            LOG.infof("Reranker: %s (remote, Hugging Face TEI), %d candidates in requests of %d, at most %d in flight,"
                    + " time-out %s", name, cfg.candidates(), cfg.batchSize(), cfg.tei().maxConcurrent(), cfg.tei().timeout());
        } else {
            LOG.infof("Reranker: %s (jikji.rerank.kind=%s%s), %d candidates", name,
                    configured.name().toLowerCase(Locale.ROOT),
                    configured == Kind.AUTO ? ", no cross-encoder in " + cfg.modelDir().toAbsolutePath() : "",
                    cfg.candidates());
        }
    }

    static Kind parse(String kind) {
        try {
            return Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jikji.rerank.kind must be auto, onnx, tei, builtin or none, not '" + kind + "'");
        }
    }

    private static TeiReranker tei(JikjiConfig.Rerank cfg) {
        JikjiConfig.Rerank.Tei t = cfg.tei();
        String url = t.baseUrl().orElseThrow(() -> new IllegalStateException(
                "jikji.rerank.kind=tei needs jikji.rerank.tei.base-url"));
        dev.langchain4j.http.client.HttpClient http = TracePropagation.langChain4j()
                .connectTimeout(t.timeout()).readTimeout(t.timeout()).build();
        String apiKey = t.apiKey().orElse(null);
        String model = t.model().orElseGet(() -> {
            String id = TeiReranker.modelId(http, url, apiKey);
            return id != null ? id : "unnamed TEI model";
        });
        String display = model + " @ " + url;
        return new TeiReranker(http, url, apiKey, new ModelServerCalls("reranking server " + display,
                t.timeout(), t.maxConcurrent()), cfg.batchSize(), display);
    }

    /** The kind that runs for the configured one, given whether a cross-encoder is installed. */
    static Kind choose(Kind configured, boolean crossEncoderInstalled) {
        return switch (configured) {
            case AUTO -> crossEncoderInstalled ? Kind.ONNX : AUTO_WITHOUT_MODEL;
            default -> configured;
        };
    }

    /** IDF over the chunks' contents, read from the index at query time. */
    static BuiltinReranker.TermStats idfFrom(SearchIndex index) {
        return index::idf;
    }

    public Kind kind() {
        return kind;
    }

    /** The active reranker, or null for fusion order. */
    public ScoringModel model() {
        return model;
    }

    /**
     * The active reranker as LangChain4j's {@code ScoringModel} bean (e.g. for a ReRankingContentAggregator);
     * null with {@code jikji.rerank.kind=none}, hence dependent scope.
     */
    @jakarta.enterprise.inject.Produces
    @jakarta.enterprise.context.Dependent
    @io.quarkus.arc.Unremovable
    ScoringModel scoringModel() {
        return model;
    }

    /** The cross-encoder's name, {@code builtin} or {@code none}: reported as {@code retrieval.reranker}. */
    public String name() {
        return name;
    }

    /** Where the active reranker runs: the cross-encoder's ONNX execution provider, {@code remote} for TEI, else {@code jvm}. */
    @Override
    public Info modelInUse() {
        return new Info("reranker", name(), executionProvider());
    }

    public String executionProvider() {
        if (model != null && model == tei) return "remote";
        return model != null && model == crossEncoder ? crossEncoder.executionProvider() : "jvm";
    }

    /** The built-in reranker over this index, whatever kind is active (for evaluation). */
    public BuiltinReranker builtin() {
        return builtin;
    }

    /** The built-in reranker with other weights, over this index's analyzer and statistics. */
    public static BuiltinReranker builtin(SearchIndex index, BuiltinReranker.Weights weights) {
        return new BuiltinReranker(TextTerms.of(index.analyzer()), idfFrom(index), weights);
    }

    @PreDestroy
    void close() {
        if (crossEncoder != null) crossEncoder.close();
    }

}
