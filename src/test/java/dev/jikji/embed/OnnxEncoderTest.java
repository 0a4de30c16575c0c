package dev.jikji.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.onnx.OnnxSessionFactory;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEncoderTest {

    private static OnnxEncoder oneBatch;
    private static OnnxEncoder smallBatches;

    private static final List<String> TEXTS = List.of(
            "passage: " + "Lucene keeps an inverted index of terms and a graph of vectors for nearest neighbour search. ".repeat(4),
            "cat",
            "passage: 직지는 한국어 문서를 검색하는 서비스다. 문서를 청크로 나누고 임베딩한다.",
            "query: how big should a chunk be?",
            "",
            "passage: Reciprocal rank fusion merges ranked lists by summing one over k plus rank.");

    @BeforeAll
    static void load() throws Exception {
        EncoderSpec.Located model = EncoderSpec.embedded();
        oneBatch = new OnnxEncoder(model, OnnxSessionFactory.cpu(), 1, 16);
        smallBatches = new OnnxEncoder(model, OnnxSessionFactory.cpu(), 2, 2);
    }

    @AfterAll
    static void close() {
        if (oneBatch != null) oneBatch.close();
        if (smallBatches != null) smallBatches.close();
    }

    @Test
    void vectorsHaveTheModelDimensionAndUnitLength() throws Exception {
        assertThat(oneBatch.spec().dimension()).isEqualTo(384);
        assertThat(oneBatch.executionProvider()).isEqualTo("CPU");
        List<float[]> vectors = oneBatch.encode(TEXTS);
        assertThat(vectors).hasSize(TEXTS.size());
        for (float[] v : vectors) {
            assertThat(v).hasSize(384);
            assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    /*
     * The embedded e5-small-v2 is dynamically quantised: each DynamicQuantizeLinear node picks one int8
     * scale for its whole input tensor, i.e. for every row of the batch and for the padding positions too.
     * A text's vector therefore depends a little on the batch it is in, and 1e-4 agreement with the text
     * embedded alone is out of reach for this model (measured: max component difference up to 0.015,
     * cosine 0.996 or more). What a masking bug does is far larger: pooling over the padding gave cosines
     * of 0.93 to 0.96, letting the model attend to the padding 0.79 to 0.91. So batched and single vectors
     * must agree to a cosine of 0.99, and exactly where the batch cannot change the scale.
     */
    private static final double SAME_TEXT_COSINE = 0.99;

    @Test
    void batchOfMixedLengthsGivesTheSameVectorsAsOneTextAtATime() throws Exception {
        List<float[]> batched = oneBatch.encode(TEXTS);
        List<float[]> inPairs = smallBatches.encode(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = oneBatch.encode(List.of(TEXTS.get(i))).getFirst();
            assertThat(dot(batched.get(i), alone)).as("text %d in one padded batch", i).isGreaterThan(SAME_TEXT_COSINE);
            assertThat(dot(inPairs.get(i), alone)).as("text %d in batches of two", i).isGreaterThan(SAME_TEXT_COSINE);
        }
    }

    @Test
    void batchThatCannotChangeTheQuantisationGivesExactlyTheSingleVector() throws Exception {
        for (String text : TEXTS) {
            float[] alone = oneBatch.encode(List.of(text)).getFirst();
            List<float[]> copies = oneBatch.encode(List.of(text, text, text));
            for (float[] v : copies) assertThat(maxAbsDiff(v, alone)).as(text).isLessThan(1e-5);
        }
    }

    @Test
    void inputOrderIsPreservedWhenTheEncoderSortsByLength() throws Exception {
        // longest first, then shortest: the internal length sort reverses most of them
        List<String> texts = List.of(
                "passage: " + "a long passage about indexing and search engines and ranking. ".repeat(6),
                "passage: tax law",
                "passage: cats sleep a lot during the day and hunt at night",
                "passage: 고양이");
        List<float[]> together = oneBatch.encode(texts);
        List<float[]> pairs = smallBatches.encode(texts);
        List<float[]> alone = new ArrayList<>();
        for (String t : texts) alone.add(oneBatch.encode(List.of(t)).getFirst());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(dot(together.get(i), alone.get(i))).as("result %d is text %d", i, i).isGreaterThan(SAME_TEXT_COSINE);
            assertThat(dot(pairs.get(i), alone.get(i))).as("batches of two: result %d is text %d", i, i)
                    .isGreaterThan(SAME_TEXT_COSINE);
            for (int j = 0; j < texts.size(); j++) {
                if (j == i) continue;
                assertThat(dot(together.get(i), alone.get(j))).as("result %d is not text %d", i, j)
                        .isLessThan(dot(together.get(i), alone.get(i)) - 0.05);
                assertThat(dot(pairs.get(i), alone.get(j))).as("batches of two: result %d is not text %d", i, j)
                        .isLessThan(dot(pairs.get(i), alone.get(i)) - 0.05);
            }
        }
    }

    @Test
    void queryAboutCatsIsCloserToAPassageAboutCatsThanToTaxLaw() {
        EncoderSpec spec = oneBatch.spec();
        assertThat(spec.queryPrefix()).isEqualTo("query: ");
        assertThat(spec.passagePrefix()).isEqualTo("passage: ");
        PrefixedEmbeddingModel queries = new PrefixedEmbeddingModel(oneBatch, spec.queryPrefix(), dev.jikji.onnx.SessionLanes.Lane.QUERY);
        PrefixedEmbeddingModel passages = new PrefixedEmbeddingModel(oneBatch, spec.passagePrefix(), dev.jikji.onnx.SessionLanes.Lane.BULK);
        float[] q = queries.embed("how much do cats sleep?").content().vector();
        List<float[]> p = passages.embedAll(List.of(
                TextSegment.from("Tax law sets how income, capital gains and property are assessed and when returns are due."),
                TextSegment.from("Cats sleep for twelve to sixteen hours a day and are most active at dawn and dusk.")))
                .content().stream().map(e -> e.vector()).toList();
        double tax = dot(q, p.get(0));
        double cats = dot(q, p.get(1));
        assertThat(cats).isGreaterThan(tax + 0.05);
    }

    /**
     * A query embedded while a long bulk is being embedded on the same encoder comes back before the bulk is
     * done, with the vector it has alone: with a query-only session it runs beside the bulk's batch, and with
     * shared sessions only it takes the session ahead of the bulk's remaining batches.
     */
    @Test
    void aQueryDoesNotWaitForTheRestOfABulkEncode() throws Exception {
        List<String> bulk = new ArrayList<>();
        // 400 texts: long enough that even a fast CI machine is still embedding them well after the query (40 was not)
        for (int i = 0; i < 400; i++) {
            bulk.add("passage: bulk text " + i + " about index segments, merges and the vectors each chunk carries.");
        }
        String query = "query: how is a canary release rolled back?";
        float[] alone = oneBatch.encode(List.of(query)).getFirst();
        for (int querySessions : new int[] {1, 0}) {
            try (OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.embedded(), OnnxSessionFactory.cpu(), 1, querySessions, 1)) {
                var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return encoder.encode(bulk, dev.jikji.onnx.SessionLanes.Lane.BULK);
                    } catch (ai.onnxruntime.OrtException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(150); // let the bulk start its 400 one-text batches
                float[] v = encoder.encode(List.of(query), dev.jikji.onnx.SessionLanes.Lane.QUERY).getFirst();
                assertThat(running.isDone()).as("bulk still embedding when the query (query sessions %d) returned",
                        querySessions).isFalse();
                assertThat(maxAbsDiff(v, alone)).isLessThan(1e-5);
                assertThat(running.get(60, java.util.concurrent.TimeUnit.SECONDS)).hasSize(bulk.size());
            }
        }
    }

    /**
     * Shutdown closing the encoder while a bulk is being embedded: before, the session was freed under the
     * running batch and the JVM died with SIGSEGV (GracefulShutdownIT, when SIGTERM's grace ran out). Now the
     * close waits for the batch running, the bulk stops with a clear error at its next batch, and this JVM lives.
     */
    @Test
    void closingDuringABulkEncodeWaitsForTheBatchAndStopsTheRest() throws Exception {
        List<String> bulk = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            bulk.add("passage: bulk text " + i + " about index segments, merges and the vectors each chunk carries.");
        }
        OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.embedded(), OnnxSessionFactory.cpu(), 1, 0, 1);
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return encoder.encode(bulk, dev.jikji.onnx.SessionLanes.Lane.BULK);
            } catch (ai.onnxruntime.OrtException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(150);
        assertThat(running).as("still embedding when closed").isNotDone();
        encoder.close();
        assertThatThrownBy(() -> running.get(60, java.util.concurrent.TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("shutting down");
        assertThatThrownBy(() -> encoder.encode(List.of("query: too late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void textLongerThanTheModelLimitIsTruncatedNotRejected() throws Exception {
        String longText = "passage: " + "tokens ".repeat(2_000);
        assertThat(oneBatch.count(longText)).isGreaterThan(512);
        float[] v = oneBatch.encode(List.of(longText, "short")).getFirst();
        assertThat(v).hasSize(384);
        assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void countsTokensWithoutSpecialTokens() {
        assertThat(oneBatch.count("")).isZero();
        assertThat(oneBatch.count("hello world")).isEqualTo(2);
        assertThat(oneBatch.count("hello world hello world")).isEqualTo(4);
    }

    @Test
    void emptyInputGivesNoVectors() throws Exception {
        assertThat(oneBatch.encode(List.of())).isEmpty();
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }
}
