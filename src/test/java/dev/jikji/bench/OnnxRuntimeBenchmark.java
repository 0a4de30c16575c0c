package dev.jikji.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.jikji.embed.EncoderSpec;
import dev.jikji.embed.OnnxEncoder;
import dev.jikji.ingest.Chunk;
import dev.jikji.ingest.Chunker;
import dev.jikji.ingest.ContentTypes;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.onnx.SessionLanes.Lane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One timing of the ONNX Runtime on the class path (run by {@code bin/bench-onnx-runtime}, which swaps the
 * runtime jar between runs and alternates versions): the embedded e5-small-v2 int8, one session, CPU, on the
 * same inputs every time. Embedding: every docs-corpus chunk as a passage (lists of 16, as ingest does).
 * Cross-encoding: {@code query [SEP] passage} pairs of the eval questions and those chunks, one text each,
 * through the same encoder, in batches of 16 as the cross-encoder runs them. No cross-encoder model ships with
 * the build, so this pair encoding stands in for it: a 12-layer, 384-wide BERT over the same pair lengths does
 * the same work as a MiniLM cross-encoder, bar the one-logit head.
 */
public final class OnnxRuntimeBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> passages = new ArrayList<>();
        try (OnnxEncoder counterModel = new OnnxEncoder(EncoderSpec.embedded(), OnnxSessionFactory.cpu(), 1, 0, 16)) {
            Chunker chunker = new Chunker(counterModel, 256, 32);
            for (DocumentInput d : CorpusSeeder.read(Path.of("docs-corpus"), IndexBenchmark.PARSERS)) {
                for (Chunk c : chunker.chunk(ContentTypes.parse(d.contentType(), d.text()))) passages.add("passage: " + c.text());
            }
        }
        List<String> questions = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(Path.of("src/test/resources/qa/questions.jsonl"))) {
            if (!line.isBlank()) questions.add(LoadRun.JSON.readTree(line).path("question").asText());
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            pairs.add(questions.get(i % questions.size()) + " [SEP] " + passages.get((i * 7) % passages.size()).substring(9));
        }
        long t0 = System.nanoTime();
        try (OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.embedded(), OnnxSessionFactory.cpu(), 1, 0, 16)) {
            double load = (System.nanoTime() - t0) / 1e9;
            encoder.encode(passages.subList(0, 32), Lane.BULK); // warm-up
            double bestEmbed = Double.MAX_VALUE;
            double bestPairs = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long e0 = System.nanoTime();
                encoder.encode(passages, Lane.BULK);
                bestEmbed = Math.min(bestEmbed, (System.nanoTime() - e0) / 1e9);
                long p0 = System.nanoTime();
                encoder.encode(pairs, Lane.QUERY);
                bestPairs = Math.min(bestPairs, (System.nanoTime() - p0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "ort %s: load %.2f s; embed %d passages best of %d %.2f s (%.1f/s); pairs %d best %.2f s (%.1f/s)%n",
                    OrtEnvironment.getEnvironment().getVersion(), load, passages.size(), rounds, bestEmbed,
                    passages.size() / bestEmbed, pairs.size(), bestPairs, pairs.size() / bestPairs);
        }
    }
}
