package dev.jikji.rerank;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.onnx.OnnxThreads;
import dev.jikji.onnx.PaddedBatch;
import dev.jikji.onnx.RunGate;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face cross-encoder export ({@code model.onnx} + {@code tokenizer.json}, e.g.
 * BAAI/bge-reranker-v2-m3 or a ms-marco MiniLM cross-encoder): {@code input_ids}, {@code attention_mask}
 * and, if the model has it, {@code token_type_ids} in; {@code logits} out, {@code [batch, 1]} (the raw
 * logit is the score) or {@code [batch, 2]} (the positive class's log-odds, logit[1] - logit[0]).
 * Each pair is encoded with the tokenizer's own pair template and only the passage truncated to
 * {@code maxLength}; pairs run in batches of {@code batchSize}, all on {@link OnnxThreads}.
 * An optional {@code reranker.json} gives {@code name} and {@code maxLength}.
 */
public final class OnnxCrossEncoder implements ScoringModel, AutoCloseable {

    private final String name;
    private final HuggingFaceTokenizer pairs;
    private final HuggingFaceTokenizer plain;
    private final OrtSession session;
    private final Set<String> inputNames;
    private final String outputName;
    private final String executionProvider;
    private final int batchSize;
    private final int maxLength;
    private final RunGate gate = new RunGate("the cross-encoder");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** True when {@code dir} holds a model.onnx and a tokenizer.json. */
    public static boolean installedIn(Path dir) {
        return Files.isRegularFile(dir.resolve("model.onnx")) && Files.isRegularFile(dir.resolve("tokenizer.json"));
    }

    public OnnxCrossEncoder(Path dir, OnnxSessionFactory factory, int batchSize, int maxLength)
            throws IOException, OrtException {
        JsonNode described = Files.isRegularFile(dir.resolve("reranker.json"))
                ? new ObjectMapper().readTree(dir.resolve("reranker.json").toFile()) : null;
        this.name = described != null && described.hasNonNull("name") ? described.get("name").asText()
                : "cross-encoder " + dir.toAbsolutePath().normalize().getFileName();
        int declared = described != null && described.hasNonNull("maxLength") ? described.get("maxLength").asInt() : maxLength;
        this.maxLength = Math.max(8, Math.min(maxLength, declared));
        this.batchSize = Math.max(1, batchSize);
        this.pairs = HuggingFaceTokenizer.builder()
                .optTokenizerPath(dir.resolve("tokenizer.json"))
                .optAddSpecialTokens(true)
                .optTruncateSecondOnly()
                .optMaxLength(this.maxLength)
                .optPadding(false)
                .build();
        this.plain = HuggingFaceTokenizer.builder()
                .optTokenizerPath(dir.resolve("tokenizer.json"))
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
        OnnxSessionFactory.OpenedSession opened = factory.open(dir.resolve("model.onnx"));
        this.session = opened.session();
        this.executionProvider = opened.executionProvider();
        Signature signature = OnnxThreads.call(() -> signature(session));
        this.inputNames = signature.inputs();
        this.outputName = signature.output();
        String problem = !inputNames.contains("input_ids") || !inputNames.contains("attention_mask")
                ? "must take input_ids and attention_mask; it takes " + inputNames
                : signature.columns() > 2 ? "output " + outputName + " has " + signature.columns()
                        + " columns; expected [batch, 1] or [batch, 2]" : null;
        if (problem != null) {
            close();
            throw new IllegalStateException("Cross-encoder " + name + " " + problem);
        }
    }

    private record Signature(Set<String> inputs, String output, long columns) {}

    private static Signature signature(OrtSession session) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String output = outputs.containsKey("logits") ? "logits" : outputs.keySet().iterator().next();
        long columns = outputs.get(output).getInfo() instanceof TensorInfo t && t.getShape().length == 2 ? t.getShape()[1] : 1;
        return new Signature(Set.copyOf(session.getInputNames()), output, columns);
    }

    public String name() {
        return name;
    }

    public String executionProvider() {
        return executionProvider;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The token ids fed to the model for one pair (for tests and diagnostics). */
    public long[] pairIds(String query, String passage) {
        return encode(query, passage).getIds();
    }

    private Encoding encode(String query, String passage) {
        int queryTokens = plain.encode(query).getIds().length;
        // the pair template adds a few special tokens; leave the passage at least a few tokens
        if (queryTokens + 8 > maxLength) {
            throw new QueryTooLongException("the query has " + queryTokens + " tokens, too many for the "
                    + maxLength + "-token input of " + name + " with a passage beside it");
        }
        return pairs.encode(query, passage == null ? "" : passage);
    }

    /** Thrown when the query alone fills the model's input; the query is never truncated. */
    public static final class QueryTooLongException extends IllegalArgumentException {
        public QueryTooLongException(String message) {
            super(message);
        }
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        return gate.run(() -> scoreAllOpen(segments, query));
    }

    private Response<List<Double>> scoreAllOpen(List<TextSegment> segments, String query) {
        List<Double> scores = new ArrayList<>(segments.size());
        Encoding[] encodings = new Encoding[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            encodings[i] = encode(query, segments.get(i).text());
        }
        // batches of similar lengths pad less
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encodings[i].getIds().length));
        double[] out = new double[encodings.length];
        try {
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                Encoding[] batch = new Encoding[to - from];
                for (int i = from; i < to; i++) batch[i - from] = encodings[order[i]];
                double[] logits = runBatch(batch);
                for (int i = from; i < to; i++) out[order[i]] = logits[i - from];
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Cross-encoder " + name + " failed: " + e.getMessage(), e);
        }
        for (double v : out) scores.add(v);
        return Response.from(scores);
    }

    private double[] runBatch(Encoding[] batch) throws OrtException {
        PaddedBatch padded = PaddedBatch.of(batch);
        return OnnxThreads.call(() -> gate.run(() -> {
            Map<String, OnnxTensor> inputs = padded.tensors(inputNames);
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                return logits((OnnxTensor) result.get(0), padded.rows());
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }));
    }

    private static double[] logits(OnnxTensor output, int rows) {
        long[] shape = output.getInfo().getShape();
        java.nio.FloatBuffer values = output.getFloatBuffer();
        int cols = shape.length == 2 ? (int) shape[1] : 1;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = cols == 2 ? values.get(r * 2 + 1) - values.get(r * 2) : values.get(r * cols);
        }
        return out;
    }

    @Override
    public void close() {
        if (!gate.closeWhenIdle(CLOSE_WAIT)) return; // still scoring at exit: leave it to the exiting process (see RunGate)
        pairs.close();
        plain.close();
        try {
            OnnxThreads.call(() -> {
                session.close();
                return null;
            });
        } catch (OrtException ignored) {
            // shutting down
        }
    }
}
