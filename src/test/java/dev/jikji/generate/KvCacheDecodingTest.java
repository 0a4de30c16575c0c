package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.onnx.OnnxThreads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding with the KV cache must give what recomputing the whole sequence without a cache gives, step by step:
 * the synthetic model's logits depend on every earlier token (through the cache) and on positions.
 */
class KvCacheDecodingTest {

    private static final int STEPS = 24;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"float32", "float16", "float32-external", "float16-external", "float32-no-position-ids"})
    void cachedDecodingEqualsRecomputingWithoutCache(String variant) throws Exception {
        SyntheticDecoder.Config config = SyntheticDecoder.Config.small(48);
        if (variant.startsWith("float16")) config = config.withFloat16Cache();
        if (variant.endsWith("external")) config = config.withExternalData();
        if (variant.endsWith("no-position-ids")) {
            config = new SyntheticDecoder.Config(2, 2, 4, 48, 256, false, false, false, 7, null, 1f, 0);
        }
        Path model = SyntheticDecoder.writeModel(dir.resolve("model.onnx"), config);
        if (variant.endsWith("external")) {
            assertThat(dir.resolve("model.onnx_data")).exists();
        }
        OrtSession ort = OnnxSessionFactory.cpu().open(model).session();
        try (ort) {
            DecoderSession session = OnnxThreads.call(() -> new DecoderSession(ort));
            assertThat(session.signature().layers()).isEqualTo(2);
            assertThat(session.signature().kvHeads()).isEqualTo(2);
            assertThat(session.signature().headDim()).isEqualTo(4);
            assertThat(session.signature().vocabSize()).isEqualTo(48);
            assertThat(session.signature().positionIds()).isEqualTo(!variant.endsWith("no-position-ids"));
            assertThat(session.signature().cacheType())
                    .isEqualTo(variant.startsWith("float16") ? OnnxJavaType.FLOAT16 : OnnxJavaType.FLOAT);

            long[] prompt = {1, 5, 9, 12, 9, 30, 2, 1, 6};
            List<Long> sequence = new ArrayList<>();
            for (long t : prompt) sequence.add(t);
            List<float[]> cachedLogits = new ArrayList<>();
            OnnxThreads.call(() -> {
                try (KvCache cache = session.newCache()) {
                    float[] logits = session.step(prompt, 0, prompt.length, cache);
                    for (int step = 0; step < STEPS; step++) {
                        cachedLogits.add(logits);
                        long next = TokenSampler.argmax(logits);
                        sequence.add(next);
                        logits = session.step(new long[] {next}, 0, 1, cache);
                        assertThat(cache.length()).isEqualTo(prompt.length + step + 1);
                    }
                }
                return null;
            });
            // The synthetic model has to make an interesting sequence for this to mean anything.
            assertThat(sequence.subList(prompt.length, sequence.size()).stream().distinct().count()).isGreaterThan(3);

            long[] all = sequence.stream().mapToLong(Long::longValue).toArray();
            OnnxThreads.call(() -> {
                for (int step = 0; step < STEPS; step++) {
                    try (KvCache fresh = session.newCache()) {
                        float[] full = session.step(all, 0, prompt.length + step, fresh);
                        assertThat(TokenSampler.argmax(full)).as("step %d", step).isEqualTo((int) all[prompt.length + step]);
                        float[] cached = cachedLogits.get(step);
                        for (int v = 0; v < full.length; v++) {
                            assertThat(cached[v]).as("step %d logit %d", step, v).isCloseTo(full[v], within(1e-3f));
                        }
                    }
                }
                return null;
            });
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void prefillInSlicesEqualsOneRun(int slice) throws Exception {
        Path model = SyntheticDecoder.writeModel(dir.resolve("model.onnx"), SyntheticDecoder.Config.small(48));
        try (OrtSession ort = OnnxSessionFactory.cpu().open(model).session()) {
            DecoderSession session = OnnxThreads.call(() -> new DecoderSession(ort));
            long[] prompt = {1, 5, 9, 12, 9, 30, 2, 1, 6, 44, 17};
            OnnxThreads.call(() -> {
                float[] whole;
                try (KvCache cache = session.newCache()) {
                    whole = session.step(prompt, 0, prompt.length, cache);
                }
                try (KvCache cache = session.newCache()) {
                    float[] sliced = null;
                    for (int from = 0; from < prompt.length; from += slice) {
                        sliced = session.step(prompt, from, Math.min(prompt.length, from + slice), cache);
                    }
                    assertThat(cache.length()).isEqualTo(prompt.length);
                    assertThat(sliced).containsExactly(whole, within(1e-4f));
                    assertThat(Arrays.equals(sliced, new float[sliced.length])).isFalse();
                }
                return null;
            });
        }
    }
}
