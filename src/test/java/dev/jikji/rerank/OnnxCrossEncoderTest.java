package dev.jikji.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.onnx.OnnxModelBuilder;
import dev.jikji.onnx.OnnxModelBuilder.Attr;
import dev.jikji.onnx.OnnxModelBuilder.ElemType;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.langchain4j.data.segment.TextSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-encoder against a model this test writes with the I/O signature of a Hugging Face
 * cross-encoder export ({@code input_ids}, {@code attention_mask}, {@code token_type_ids} int64
 * {@code [batch, sequence]} → {@code logits} float {@code [batch, 1]}) and a word-level tokenizer.json
 * with the BERT pair template ({@code [CLS] query [SEP] passage [SEP]}). Its logit is the sum over
 * unmasked tokens of a per-token weight, so every score is known in advance; the padding token weighs
 * 100, so a masking or padding mistake in batching shows up at once.
 */
class OnnxCrossEncoderTest {

    @TempDir
    static Path dir;

    private static final Map<String, Float> WEIGHTS = new LinkedHashMap<>();

    static {
        WEIGHTS.put("[PAD]", 100f);
        WEIGHTS.put("[UNK]", 0f);
        WEIGHTS.put("[CLS]", 0f);
        WEIGHTS.put("[SEP]", 0f);
        WEIGHTS.put("lock", 3f);
        WEIGHTS.put("index", 2f);
        WEIGHTS.put("file", 1f);
        WEIGHTS.put("delete", 0.5f);
        WEIGHTS.put("the", 0f);
        WEIGHTS.put("cat", 0f);
        WEIGHTS.put("sat", 0f);
    }

    private static OnnxCrossEncoder oneByOne;
    private static OnnxCrossEncoder batched;
    private static OnnxCrossEncoder twoClass;

    @BeforeAll
    static void models() throws Exception {
        Path single = Files.createDirectories(dir.resolve("single"));
        writeTokenizer(single);
        writeSingleLogitModel(single.resolve("model.onnx"));
        Files.writeString(single.resolve("reranker.json"), "{\"name\": \"test/sum-of-token-weights\", \"maxLength\": 16}");
        oneByOne = new OnnxCrossEncoder(single, OnnxSessionFactory.cpu(), 1, 512);
        batched = new OnnxCrossEncoder(single, OnnxSessionFactory.cpu(), 3, 512);

        Path pair = Files.createDirectories(dir.resolve("two-class"));
        writeTokenizer(pair);
        writeTwoClassModel(pair.resolve("model.onnx"));
        twoClass = new OnnxCrossEncoder(pair, OnnxSessionFactory.cpu(), 4, 64);
    }

    @AfterAll
    static void close() {
        for (OnnxCrossEncoder e : new OnnxCrossEncoder[] {oneByOne, batched, twoClass}) if (e != null) e.close();
    }

    public static void writeTokenizer(Path dir) throws Exception {
        StringBuilder vocab = new StringBuilder();
        int id = 0;
        for (String token : WEIGHTS.keySet()) {
            if (id > 0) vocab.append(',');
            vocab.append('"').append(token).append("\":").append(id++);
        }
        String special = """
                {"id":%d,"content":"%s","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}""";
        String json = """
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[%s,%s,%s,%s],
                 "normalizer":{"type":"Lowercase"},
                 "pre_tokenizer":{"type":"Whitespace"},
                 "post_processor":{"type":"TemplateProcessing",
                   "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}],
                   "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}},
                           {"Sequence":{"id":"B","type_id":1}},{"SpecialToken":{"id":"[SEP]","type_id":1}}],
                   "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[2],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[3],"tokens":["[SEP]"]}}},
                 "decoder":null,
                 "model":{"type":"WordLevel","vocab":{%s},"unk_token":"[UNK]"}}
                """.formatted(special.formatted(0, "[PAD]"), special.formatted(1, "[UNK]"), special.formatted(2, "[CLS]"),
                special.formatted(3, "[SEP]"), vocab);
        Files.writeString(dir.resolve("tokenizer.json"), json);
    }

    static float[] weights() {
        float[] w = new float[WEIGHTS.size()];
        int i = 0;
        for (float v : WEIGHTS.values()) w[i++] = v;
        return w;
    }

    /** logits[b, 0] = sum over t of mask[b, t] * (W[input_ids[b, t]] + T[token_type_ids[b, t]]). */
    public static void writeSingleLogitModel(Path file) {
        new OnnxModelBuilder()
                .input("input_ids", ElemType.INT64, "batch_size", "sequence_length")
                .input("attention_mask", ElemType.INT64, "batch_size", "sequence_length")
                .input("token_type_ids", ElemType.INT64, "batch_size", "sequence_length")
                .output("logits", ElemType.FLOAT, "batch_size", 1)
                .initializer("token_weight", weights(), WEIGHTS.size())
                .initializer("type_weight", new float[] {0f, 0f}, 2)
                .initializer("axes", new long[] {1}, 1)
                .node("Gather", List.of("token_weight", "input_ids"), List.of("tw"))
                .node("Gather", List.of("type_weight", "token_type_ids"), List.of("yw"))
                .node("Add", List.of("tw", "yw"), List.of("w"))
                .node("Cast", List.of("attention_mask"), List.of("m"), Attr.i("to", ElemType.FLOAT.code))
                .node("Mul", List.of("w", "m"), List.of("wm"))
                .node("ReduceSum", List.of("wm", "axes"), List.of("logits"), Attr.i("keepdims", 1))
                .write(file);
    }

    /** No token_type_ids input; logits [batch, 2] = (-s, s): the positive class's log-odds are 2s. */
    static void writeTwoClassModel(Path file) {
        new OnnxModelBuilder()
                .input("input_ids", ElemType.INT64, "batch_size", "sequence_length")
                .input("attention_mask", ElemType.INT64, "batch_size", "sequence_length")
                .output("logits", ElemType.FLOAT, "batch_size", 2)
                .initializer("token_weight", weights(), WEIGHTS.size())
                .initializer("axes", new long[] {1}, 1)
                .node("Gather", List.of("token_weight", "input_ids"), List.of("tw"))
                .node("Cast", List.of("attention_mask"), List.of("m"), Attr.i("to", ElemType.FLOAT.code))
                .node("Mul", List.of("tw", "m"), List.of("wm"))
                .node("ReduceSum", List.of("wm", "axes"), List.of("s"), Attr.i("keepdims", 1))
                .node("Neg", List.of("s"), List.of("neg"))
                .node("Concat", List.of("neg", "s"), List.of("logits"), Attr.i("axis", 1))
                .write(file);
    }

    static List<TextSegment> segments(String... texts) {
        List<TextSegment> out = new ArrayList<>();
        for (String t : texts) out.add(TextSegment.from(t));
        return out;
    }

    @Test
    void describesItself() {
        assertThat(oneByOne.name()).isEqualTo("test/sum-of-token-weights");
        assertThat(oneByOne.maxLength()).as("reranker.json caps maxLength").isEqualTo(16);
        assertThat(oneByOne.executionProvider()).isEqualTo("CPU");
        assertThat(twoClass.name()).isEqualTo("cross-encoder two-class");
    }

    @Test
    void scoresAreTheConstructedLogitsAndReorderTheCandidates() {
        // query "index lock" weighs 5 in every pair; passages add their own weights
        List<Double> s = oneByOne.scoreAll(segments("the cat sat", "file", "lock file delete", "index lock file"),
                "index lock").content();
        assertThat(s).containsExactly(5.0, 6.0, 9.5, 11.0);
        List<Double> r = oneByOne.scoreAll(segments("index lock file", "the cat sat", "lock file delete", "file"),
                "index lock").content();
        assertThat(r).containsExactly(11.0, 5.0, 9.5, 6.0);
        assertThat(oneByOne.score("lock", "lock").content()).isEqualTo(6.0);
    }

    @Test
    void batchedScoresEqualOneByOne() {
        List<TextSegment> passages = segments("index lock file delete the cat sat index", "cat", "sat",
                "lock lock lock", "file delete", "the the the the the the the the the the", "index");
        List<Double> single = oneByOne.scoreAll(passages, "delete the index lock").content();
        List<Double> inBatches = batched.scoreAll(passages, "delete the index lock").content();
        assertThat(inBatches).containsExactlyElementsOf(single);
        assertThat(single.get(1)).as("padding masked: a one-word passage next to long ones").isEqualTo(5.5);
    }

    @Test
    void passageIsTruncatedNeverTheQuery() {
        String query = "lock lock lock lock delete";
        String passage = "index ".repeat(50);
        long[] ids = oneByOne.pairIds(query, passage);
        assertThat(ids).hasSize(16);
        // [CLS] lock x4 delete [SEP] then index ... [SEP]
        assertThat(java.util.Arrays.copyOfRange(ids, 0, 7)).containsExactly(2, 4, 4, 4, 4, 7, 3);
        assertThat(ids[15]).isEqualTo(3);
        assertThat(java.util.Arrays.copyOfRange(ids, 7, 15)).containsOnly(5L);
        // query 12.5 + eight passage tokens of "index" (2 each)
        assertThat(oneByOne.scoreAll(segments(passage), query).content()).containsExactly(28.5);

        assertThatThrownBy(() -> oneByOne.scoreAll(segments("index"), "lock ".repeat(20)))
                .isInstanceOf(OnnxCrossEncoder.QueryTooLongException.class).hasMessageContaining("20 tokens");
    }

    @Test
    void aRealWordPieceTokenizerKeepsTheKoreanQueryWholeAndCutsThePassage(@TempDir Path bert) throws Exception {
        // the embedded e5-small-v2 tokenizer.json: BERT WordPiece, [CLS] A [SEP] B [SEP], 30522 tokens
        Files.copy(dev.jikji.embed.EncoderSpec.embedded().tokenizer(), bert.resolve("tokenizer.json"));
        float[] w = new float[30522];
        java.util.Arrays.fill(w, 1f);
        new OnnxModelBuilder()
                .input("input_ids", ElemType.INT64, "batch_size", "sequence_length")
                .input("attention_mask", ElemType.INT64, "batch_size", "sequence_length")
                .input("token_type_ids", ElemType.INT64, "batch_size", "sequence_length")
                .output("logits", ElemType.FLOAT, "batch_size", 1)
                .initializer("token_weight", w, w.length)
                .initializer("type_weight", new float[] {0f, 100f}, 2)
                .initializer("axes", new long[] {1}, 1)
                .node("Gather", List.of("token_weight", "input_ids"), List.of("tw"))
                .node("Gather", List.of("type_weight", "token_type_ids"), List.of("yw"))
                .node("Add", List.of("tw", "yw"), List.of("w"))
                .node("Cast", List.of("attention_mask"), List.of("m"), Attr.i("to", ElemType.FLOAT.code))
                .node("Mul", List.of("w", "m"), List.of("wm"))
                .node("ReduceSum", List.of("wm", "axes"), List.of("logits"), Attr.i("keepdims", 1))
                .write(bert.resolve("model.onnx"));
        try (OnnxCrossEncoder e = new OnnxCrossEncoder(bert, OnnxSessionFactory.cpu(), 2, 48);
                ai.djl.huggingface.tokenizers.HuggingFaceTokenizer plain = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer
                        .builder().optTokenizerPath(bert.resolve("tokenizer.json")).optAddSpecialTokens(false).build()) {
            String query = "인덱스 잠금 파일 때문에 서버가 안 뜨면 어떻게 하나요?";
            long[] q = plain.encode(query).getIds();
            assertThat(q.length).as("a long query in this tokenizer").isGreaterThan(20);
            long[] ids = e.pairIds(query, "증상: 기동 로그에 LockObtainFailedException이 찍힌다. ".repeat(20));
            assertThat(ids).hasSize(48);
            assertThat(ids[0]).isEqualTo(101);
            assertThat(java.util.Arrays.copyOfRange(ids, 1, 1 + q.length)).containsExactly(q);
            assertThat(ids[1 + q.length]).isEqualTo(102);
            assertThat(ids[47]).isEqualTo(102);
            // every token weighs 1 and a passage-side (type 1) token 100 more: the types reach the model
            int passageTokens = 48 - q.length - 2;
            assertThat(e.scoreAll(segments("증상: 기동 로그에 LockObtainFailedException이 찍힌다. ".repeat(20)), query).content())
                    .containsExactly(48.0 + 100.0 * passageTokens);
        }
    }

    @Test
    void aModelWithoutTheCrossEncoderInputsIsRefused(@TempDir Path other) throws Exception {
        writeTokenizer(other);
        new OnnxModelBuilder()
                .input("pixel_values", ElemType.FLOAT, "batch_size", 3)
                .output("logits", ElemType.FLOAT, "batch_size", 3)
                .node("Identity", List.of("pixel_values"), List.of("logits"))
                .write(other.resolve("model.onnx"));
        assertThatThrownBy(() -> new OnnxCrossEncoder(other, OnnxSessionFactory.cpu(), 1, 64))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("input_ids and attention_mask");
    }

    @Test
    void twoClassLogitsUseThePositiveClassAndTokenTypesAreOptional() {
        List<Double> s = twoClass.scoreAll(segments("the cat", "index lock file", "file"), "lock").content();
        assertThat(s).containsExactly(6.0, 18.0, 8.0);
    }
}
