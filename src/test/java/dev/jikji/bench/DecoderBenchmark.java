package dev.jikji.bench;

import dev.jikji.config.JikjiConfig;
import dev.jikji.generate.Generation;
import dev.jikji.generate.OnnxChatModel;
import dev.jikji.generate.SyntheticDecoder;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Speed of the in-process decoder loop ({@link OnnxChatModel}: tokenisation, sliced prefill, KV-cache steps, sampling,
 * incremental detokenisation) on a synthetic random-weight model with the Optimum decoder signature. Not a real
 * LLM: the graph is attention-free (a running sum over the cache instead of softmax attention), so per-token cost
 * is its MatMuls (projections, feed-forward, vocabulary projection) plus copying the cache in and out of ONNX
 * Runtime each step; a real model of the same size costs more per token, the more the longer the context.
 *
 * <pre>
 * bin/bench-decoder [--layers 8] [--hidden 512] [--heads 8] [--mlp 2048] [--vocab 32000] [--prompt 500]
 *                   [--new 64] [--runs 3] [--fp16-cache] [--device cpu|cuda|auto]
 * </pre>
 */
public final class DecoderBenchmark {

    public static void main(String[] args) throws Exception {
        int layers = 8, hidden = 512, heads = 8, mlp = 2048, vocab = 32000, promptWords = 500, newTokens = 64, runs = 3;
        boolean fp16 = false;
        String device = System.getProperty("jikji.onnx.device", "cpu");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--layers" -> layers = Integer.parseInt(args[++i]);
                case "--hidden" -> hidden = Integer.parseInt(args[++i]);
                case "--heads" -> heads = Integer.parseInt(args[++i]);
                case "--mlp" -> mlp = Integer.parseInt(args[++i]);
                case "--vocab" -> vocab = Integer.parseInt(args[++i]);
                case "--prompt" -> promptWords = Integer.parseInt(args[++i]);
                case "--new" -> newTokens = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--fp16-cache" -> fp16 = true;
                case "--device" -> device = args[++i];
                default -> {
                    System.out.println("usage: bin/bench-decoder [--layers N] [--hidden N] [--heads N] [--mlp N] [--vocab N]"
                            + " [--prompt WORDS] [--new TOKENS] [--runs N] [--fp16-cache] [--device cpu|cuda|auto]");
                    return;
                }
            }
        }
        Path dir = Files.createTempDirectory("jikji-decoder-bench");
        try {
            long t0 = System.nanoTime();
            SyntheticDecoder.Config config = new SyntheticDecoder.Config(layers, heads, hidden / heads, vocab, 8192, fp16,
                    true, true, 1, null, 1f, mlp);
            SyntheticDecoder.write(dir, config, SyntheticDecoder.vocabulary(vocab));
            long modelBytes;
            try (Stream<Path> files = Files.list(dir)) {
                modelBytes = files.filter(p -> p.getFileName().toString().startsWith("model.onnx"))
                        .mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "synthetic random-weight model, not a real LLM: %d layers, hidden %d, %d heads, "
                    + "feed-forward %d, vocabulary %d, %s KV cache, %.0f MB of weights (built in %.1f s)%n",
                    layers, hidden, heads, mlp, vocab, fp16 ? "float16" : "float32", modelBytes / 1e6,
                    (System.nanoTime() - t0) / 1e9);

            OnnxSessionFactory sessions = new OnnxSessionFactory(
                    JikjiConfig.Onnx.Device.valueOf(device.toUpperCase(Locale.ROOT)), 0, 0);
            long load = System.nanoTime();
            try (OnnxChatModel model = new OnnxChatModel(dir, sessions,
                    new OnnxChatModel.Options(newTokens, 0, 1, 1, 0))) {
                System.out.printf(Locale.ROOT, "loaded in %.2f s on %s, %d CPU cores%n", (System.nanoTime() - load) / 1e9,
                        model.executionProvider(), Runtime.getRuntime().availableProcessors());
                SplittableRandom random = new SplittableRandom(3);
                StringBuilder prompt = new StringBuilder();
                for (int i = 0; i < promptWords; i++) prompt.append('w').append(random.nextInt(vocab - 50)).append(' ');
                ChatRequest request = ChatRequest.builder().messages(UserMessage.from(prompt.toString())).build();
                System.out.printf(Locale.ROOT, "prompt %d tokens, up to %d new tokens, greedy%n",
                        model.countPromptTokens(request.messages()), newTokens);

                run(model, request, "warm-up");
                List<double[]> measured = new ArrayList<>();
                for (int r = 1; r <= runs; r++) {
                    measured.add(run(model, request, "run " + r));
                }
                double[] median = new double[3];
                for (int k = 0; k < 3; k++) {
                    int col = k;
                    double[] v = measured.stream().mapToDouble(m -> m[col]).sorted().toArray();
                    median[k] = v[v.length / 2];
                }
                System.out.printf(Locale.ROOT, "median of %d: prefill %.1f ms, time to first token %.1f ms, decode %.1f tokens/s%n",
                        runs, median[0], median[1], median[2]);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Prefill ms, time to first token ms, decode tokens/s (tokens after the first over the time after it). */
    private static double[] run(OnnxChatModel model, ChatRequest request, String label) throws Exception {
        long[] first = {0};
        long start = System.nanoTime();
        Generation g = model.generate(request, piece -> {
            if (first[0] == 0) first[0] = System.nanoTime();
        }, () -> false);
        long end = System.nanoTime();
        double prefill = g.prefillNanos() / 1e6;
        double ttft = (first[0] - start) / 1e6;
        double rate = g.outputTokens() > 1 ? (g.outputTokens() - 1) / ((end - first[0]) / 1e9) : 0;
        System.out.printf(Locale.ROOT, "  %-8s prefill %7.1f ms  first token %7.1f ms  %3d tokens  %6.1f tokens/s  (%s)%n",
                label, prefill, ttft, g.outputTokens(), rate, g.finishReason());
        return new double[] {prefill, ttft, rate};
    }

    private DecoderBenchmark() {}

}
