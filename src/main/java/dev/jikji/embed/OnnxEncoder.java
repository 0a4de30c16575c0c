package dev.jikji.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.onnx.OnnxThreads;
import dev.jikji.onnx.PaddedBatch;
import dev.jikji.onnx.RunGate;
import dev.jikji.onnx.SessionLanes;
import dev.jikji.onnx.SessionLanes.Lane;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Runs a Hugging Face style ONNX encoder ({@code input_ids}, {@code attention_mask}, optional
 * {@code token_type_ids} → token states) and pools the states into one vector per text.
 * Texts are sorted by length and batched so padding stays small; a bounded pool of sessions caps
 * how many batches run at once. Queries and bulk embedding run in separate {@link SessionLanes lanes}:
 * a query takes a session reserved for queries when there is one and otherwise the next session a bulk
 * batch frees, ahead of the bulk's remaining batches.
 */
public final class OnnxEncoder implements TokenCounter, AutoCloseable {

    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final HuggingFaceTokenizer counter;
    private final SessionLanes<OrtSession> sessions;
    private final List<OrtSession> allSessions;
    private final Set<String> inputNames;
    private final String executionProvider;
    private final int batchSize;
    private final RunGate gate = new RunGate("the embedding model");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(OnnxEncoder.class);

    /** {@code sessionCount} sessions shared by both lanes, none reserved for queries. */
    public OnnxEncoder(EncoderSpec.Located located, OnnxSessionFactory factory, int sessionCount, int batchSize)
            throws IOException, OrtException {
        this(located, factory, sessionCount, 0, batchSize);
    }

    /**
     * @param sessionCount sessions shared by bulk embedding and queries
     * @param querySessions further sessions only queries use, so that a query never waits for a bulk batch
     */
    public OnnxEncoder(EncoderSpec.Located located, OnnxSessionFactory factory, int sessionCount, int querySessions,
            int batchSize) throws IOException, OrtException {
        this(located, factory, sessionCount, querySessions, batchSize, Duration.ZERO);
    }

    /** @param bulkYield how long a bulk batch waits for query embeddings in flight before it starts (see {@link SessionLanes}) */
    public OnnxEncoder(EncoderSpec.Located located, OnnxSessionFactory factory, int sessionCount, int querySessions,
            int batchSize, Duration bulkYield) throws IOException, OrtException {
        this.spec = located.spec();
        this.batchSize = Math.max(1, batchSize);
        this.tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(located.tokenizer())
                .optAddSpecialTokens(true)
                .optTruncation(true)
                .optMaxLength(spec.maxLength())
                .optPadding(false)
                .build();
        this.counter = HuggingFaceTokenizer.builder()
                .optTokenizerPath(located.tokenizer())
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
        List<OrtSession> shared = new ArrayList<>();
        List<OrtSession> queryOnly = new ArrayList<>();
        String provider = null;
        for (int i = 0; i < Math.max(1, sessionCount) + Math.max(0, querySessions); i++) {
            // a bulk batch runs on the shared sessions, and their intra-op threads take the priority of the opener
            OnnxSessionFactory.OpenedSession opened = i < Math.max(1, sessionCount) ? factory.openForBulk(located.model())
                    : factory.open(located.model());
            provider = opened.executionProvider();
            (i < Math.max(1, sessionCount) ? shared : queryOnly).add(opened.session());
        }
        this.sessions = new SessionLanes<>(shared, queryOnly, bulkYield);
        this.allSessions = sessions.all();
        this.executionProvider = provider;
        this.inputNames = allSessions.getFirst().getInputNames();
        if (!inputNames.contains("input_ids") || !inputNames.contains("attention_mask")) {
            throw new IllegalStateException("Embedding model " + spec.name()
                    + " must take input_ids and attention_mask; it takes " + inputNames);
        }
        checkDimension();
    }

    private void checkDimension() throws OrtException {
        for (OrtSession session : allSessions) {
            // every session, so that a query-only one that a bulk never touches is warmed up and checked too
            float[] probe = runBatch(new Encoding[] {tokenizer.encode("dimension probe")}, session)[0];
            checkDimension(probe);
        }
    }

    private void checkDimension(float[] probe) {
        if (probe.length != spec.dimension()) {
            throw new IllegalStateException("Embedding model " + spec.name() + " produces vectors of dimension "
                    + probe.length + " but its description says " + spec.dimension());
        }
    }

    public EncoderSpec spec() {
        return spec;
    }

    public String executionProvider() {
        return executionProvider;
    }

    @Override
    public int count(String text) {
        return gate.run(() -> counter.encode(text).getIds().length);
    }

    /** One vector per text, in the order given, in the bulk lane (prefixes, if any, are the caller's business). */
    public List<float[]> encode(List<String> texts) throws OrtException {
        return encode(texts, Lane.BULK);
    }

    /** One vector per text, in the order given; {@code lane} says whether a user waits for it. */
    public List<float[]> encode(List<String> texts, Lane lane) throws OrtException {
        return gate.run(() -> encodeOpen(texts, lane));
    }

    private List<float[]> encodeOpen(List<String> texts, Lane lane) throws OrtException {
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            encodings[i] = tokenizer.encode(texts.get(i));
        }
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            Encoding[] batch = new Encoding[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = encodings[order[i]];
            }
            float[][] vectors = runBatch(batch, lane);
            for (int i = from; i < to; i++) {
                out[order[i]] = vectors[i - from];
            }
        }
        return List.of(out);
    }

    private float[][] runBatch(Encoding[] batch, Lane lane) throws OrtException {
        OrtSession session = takeSession(lane);
        try {
            return runBatch(batch, session);
        } finally {
            sessions.release(session);
        }
    }

    private float[][] runBatch(Encoding[] batch, OrtSession session) throws OrtException {
        PaddedBatch padded = PaddedBatch.of(batch);
        return OnnxThreads.call(() -> gate.run(() -> {
            Map<String, OnnxTensor> inputs = padded.tensors(inputNames);
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor output = (OnnxTensor) (spec.outputName() != null
                        ? result.get(spec.outputName()).orElseThrow(() -> new IllegalStateException(
                                "model has no output named " + spec.outputName()))
                        : result.get(0));
                return pool(output, padded.mask(), padded.rows(), padded.width());
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }));
    }

    private float[][] pool(OnnxTensor output, long[] mask, int rows, int width) {
        long[] shape = output.getInfo().getShape();
        float[][] vectors = new float[rows][];
        java.nio.FloatBuffer states = output.getFloatBuffer();
        if (shape.length == 2) {
            // already pooled by the export (a sentence_embedding output)
            int dim = (int) shape[1];
            for (int r = 0; r < rows; r++) {
                vectors[r] = new float[dim];
                states.get(r * dim, vectors[r]);
            }
        } else {
            int dim = (int) shape[2];
            for (int r = 0; r < rows; r++) {
                float[] v = new float[dim];
                if (spec.pooling() == EncoderSpec.Pooling.CLS) {
                    states.get(r * width * dim, v);
                } else {
                    int tokens = 0;
                    for (int t = 0; t < width; t++) {
                        if (mask[r * width + t] == 0) continue;
                        tokens++;
                        int base = (r * width + t) * dim;
                        for (int d = 0; d < dim; d++) {
                            v[d] += states.get(base + d);
                        }
                    }
                    for (int d = 0; d < dim; d++) {
                        v[d] /= Math.max(1, tokens);
                    }
                }
                vectors[r] = v;
            }
        }
        if (spec.normalize()) {
            for (float[] v : vectors) {
                normalize(v);
            }
        }
        return vectors;
    }

    static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
        }
    }

    private OrtSession takeSession(Lane lane) {
        try {
            return sessions.take(lane);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an embedding session", e);
        }
    }

    /** Names of the model's inputs, for error messages and tests. */
    public Map<String, NodeInfo> inputInfo() throws OrtException {
        return allSessions.getFirst().getInputInfo();
    }

    @Override
    public void close() {
        if (!gate.closeWhenIdle(CLOSE_WAIT)) {
            LOG.warnf("Embedding model %s still running after %s at shutdown; its native resources are left to the exiting process",
                    spec.name(), CLOSE_WAIT);
            return;
        }
        tokenizer.close();
        counter.close();
        for (OrtSession s : allSessions) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // closing at shutdown: nothing left to do with it
            }
        }
    }
}
