package dev.jikji.generate;

import dev.jikji.onnx.OnnxModelBuilder;
import dev.jikji.onnx.OnnxModelBuilder.Attr;
import dev.jikji.onnx.OnnxModelBuilder.ElemType;
import dev.jikji.onnx.OnnxModelBuilder.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes decoder folders for tests and the benchmark: a model.onnx with exactly the inputs and outputs of an
 * Optimum "text-generation-with-past" export, a WordLevel tokenizer.json and a tokenizer_config.json.
 *
 * <p>The graph is attention-free but carries a real KV cache: per layer, projections of the hidden state are
 * appended to the past keys and values, and the new hidden state is a running sum (CumSum over the masked cache)
 * of everything so far. Logits therefore depend on the whole history, through the cache, and on positions, so a
 * cache that is fed back wrongly (or not at all) gives different logits. An optional transition table adds
 * {@code T[input_id]} to the logits, which makes exact sequences easy to script.
 */
public final class SyntheticDecoder {

    /**
     * @param positionIds whether the model declares position_ids (its positional embedding depends on them)
     * @param transitions [vocab][vocab] added to the logits of each input token, or null
     * @param outputScale multiplies the random output projection (0: logits come from the transitions alone)
     * @param mlpDim feed-forward width per layer (0: none), for realistic cost in the benchmark
     */
    public record Config(int layers, int kvHeads, int headDim, int vocab, int maxPositions, boolean float16Cache,
            boolean externalData, boolean positionIds, long seed, float[][] transitions, float outputScale, int mlpDim) {

        public static Config small(int vocab) {
            return new Config(2, 2, 4, vocab, 256, false, false, true, 7, null, 1f, 0);
        }

        public Config withFloat16Cache() {
            return new Config(layers, kvHeads, headDim, vocab, maxPositions, true, externalData, positionIds, seed,
                    transitions, outputScale, mlpDim);
        }

        public Config withExternalData() {
            return new Config(layers, kvHeads, headDim, vocab, maxPositions, float16Cache, true, positionIds, seed,
                    transitions, outputScale, mlpDim);
        }

        public Config withTransitions(float[][] table, float outputScale) {
            return new Config(layers, kvHeads, headDim, vocab, maxPositions, float16Cache, externalData, positionIds,
                    seed, table, outputScale, mlpDim);
        }

        public Config withOutputScale(float scale) {
            return new Config(layers, kvHeads, headDim, vocab, maxPositions, float16Cache, externalData, positionIds,
                    seed, transitions, scale, mlpDim);
        }
    }

    public static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' "
            + "+ message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** Tokens every test vocabulary starts with, in this order (ids 0..6). */
    public static final List<String> BASE_TOKENS =
            List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<unk>", "system", "user", "assistant");

    private SyntheticDecoder() {}

    /** BASE_TOKENS followed by w0, w1, ... up to {@code size} tokens. */
    public static List<String> vocabulary(int size, String... firstWords) {
        List<String> words = new ArrayList<>(BASE_TOKENS);
        words.addAll(List.of(firstWords));
        for (int i = 0; words.size() < size; i++) words.add("w" + i);
        return words;
    }

    /** Writes model.onnx, tokenizer.json, tokenizer_config.json and config.json into {@code dir}. */
    public static Path write(Path dir, Config c, List<String> tokens) throws IOException {
        Files.createDirectories(dir);
        writeModel(dir.resolve("model.onnx"), c);
        writeTokenizer(dir, tokens, List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        writeTokenizerConfig(dir, CHATML_TEMPLATE, "<|endoftext|>");
        Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\": " + c.maxPositions()
                + ", \"num_hidden_layers\": " + c.layers() + ", \"eos_token_id\": 0}");
        return dir;
    }

    public static void writeTokenizerConfig(Path dir, String chatTemplate, String eosToken) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": " + json(chatTemplate)
                + ", \"eos_token\": " + json(eosToken) + "}");
    }

    /** A WordLevel tokenizer splitting on whitespace; {@code specials} become added special tokens. */
    public static void writeTokenizer(Path dir, List<String> tokens, List<String> specials) throws IOException {
        StringBuilder added = new StringBuilder();
        StringBuilder vocab = new StringBuilder();
        for (int id = 0; id < tokens.size(); id++) {
            String t = tokens.get(id);
            if (vocab.length() > 0) vocab.append(", ");
            vocab.append(json(t)).append(": ").append(id);
            if (specials.contains(t)) {
                if (added.length() > 0) added.append(", ");
                added.append("{\"id\": ").append(id).append(", \"content\": ").append(json(t))
                        .append(", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, "
                                + "\"special\": true}");
            }
        }
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, "
                + "\"added_tokens\": [" + added + "], \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"Whitespace\"}, "
                + "\"post_processor\": null, \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {" + vocab
                + "}, \"unk_token\": \"<unk>\"}}");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    public static Path writeModel(Path file, Config c) {
        int e = c.kvHeads() * c.headDim();
        ElemType cache = c.float16Cache() ? ElemType.FLOAT16 : ElemType.FLOAT;
        SplittableRandom random = new SplittableRandom(c.seed());
        OnnxModelBuilder b = new OnnxModelBuilder().graphName("synthetic-decoder");
        if (c.externalData()) b.externalDataFrom(256);
        b.input("input_ids", ElemType.INT64, "batch_size", "sequence_length");
        b.input("attention_mask", ElemType.INT64, "batch_size", "total_sequence_length");
        if (c.positionIds()) b.input("position_ids", ElemType.INT64, "batch_size", "sequence_length");
        for (int i = 0; i < c.layers(); i++) {
            for (String kind : new String[] {"key", "value"}) {
                b.input("past_key_values." + i + "." + kind, cache, "batch_size", c.kvHeads(), "past_sequence_length", c.headDim());
            }
        }
        // float16 exports return float16 logits too
        b.output("logits", cache, "batch_size", "sequence_length", c.vocab());
        for (int i = 0; i < c.layers(); i++) {
            for (String kind : new String[] {"key", "value"}) {
                b.output("present." + i + "." + kind, cache, "batch_size", c.kvHeads(), "total_sequence_length", c.headDim());
            }
        }

        b.initializer("tok_emb", random(random, c.vocab() * e, 1f), c.vocab(), e);
        b.initializer("shape_bshd", new long[] {0, 0, c.kvHeads(), c.headDim()}, 4);
        b.initializer("shape_bse", new long[] {0, 0, e}, 3);
        b.initializer("axes_1_3", new long[] {1, 3}, 2);
        b.initializer("axis_2", Tensor.longs(new long[] {2}));
        b.initializer("axes_2", new long[] {2}, 1);
        b.initializer("end_max", new long[] {Long.MAX_VALUE}, 1);
        b.node("Gather", List.of("tok_emb", "input_ids"), List.of("x_tok"));
        String h = "x_tok";
        if (c.positionIds()) {
            b.initializer("pos_emb", random(random, c.maxPositions() * e, 1f), c.maxPositions(), e);
            b.node("Gather", List.of("pos_emb", "position_ids"), List.of("x_pos"));
            b.node("Add", List.of("x_tok", "x_pos"), List.of("h0"));
            h = "h0";
        }
        b.node("Cast", List.of("attention_mask"), List.of("mask_f"), Attr.i("to", ElemType.FLOAT.code));
        b.node("Unsqueeze", List.of("mask_f", "axes_1_3"), List.of("mask4"));
        b.node("Shape", List.of("input_ids"), List.of("seq_len"), Attr.i("start", 1), Attr.i("end", 2));
        b.node("Neg", List.of("seq_len"), List.of("neg_seq_len"));

        float projection = (float) (1 / Math.sqrt(e));
        for (int i = 0; i < c.layers(); i++) {
            String p = "l" + i + "_";
            b.initializer(p + "wk", random(random, e * e, projection), e, e);
            b.initializer(p + "wv", random(random, e * e, projection), e, e);
            b.initializer(p + "wo", random(random, e * e, projection), e, e);
            String[] floats = new String[2];
            int k = 0;
            for (String kind : new String[] {"key", "value"}) {
                String w = kind.equals("key") ? "wk" : "wv";
                b.node("MatMul", List.of(h, p + w), List.of(p + kind + "_lin"));
                b.node("Reshape", List.of(p + kind + "_lin", "shape_bshd"), List.of(p + kind + "_bshd"));
                b.node("Transpose", List.of(p + kind + "_bshd"), List.of(p + kind + "_new"), Attr.ints("perm", 0, 2, 1, 3));
                String fresh = p + kind + "_new";
                if (c.float16Cache()) {
                    b.node("Cast", List.of(fresh), List.of(fresh + "16"), Attr.i("to", ElemType.FLOAT16.code));
                    fresh = fresh + "16";
                }
                String present = "present." + i + "." + kind;
                b.node("Concat", List.of("past_key_values." + i + "." + kind, fresh), List.of(present), Attr.i("axis", 2));
                if (c.float16Cache()) {
                    b.node("Cast", List.of(present), List.of(p + kind + "_all"), Attr.i("to", ElemType.FLOAT.code));
                    floats[k++] = p + kind + "_all";
                } else {
                    floats[k++] = present;
                }
            }
            b.node("Add", List.of(floats[0], floats[1]), List.of(p + "kv"));
            b.node("Mul", List.of(p + "kv", "mask4"), List.of(p + "kv_masked"));
            b.node("CumSum", List.of(p + "kv_masked", "axis_2"), List.of(p + "running"));
            b.node("Slice", List.of(p + "running", "neg_seq_len", "end_max", "axes_2"), List.of(p + "last"));
            b.node("Transpose", List.of(p + "last"), List.of(p + "last_bshd"), Attr.ints("perm", 0, 2, 1, 3));
            b.node("Reshape", List.of(p + "last_bshd", "shape_bse"), List.of(p + "state"));
            b.node("MatMul", List.of(p + "state", p + "wo"), List.of(p + "proj"));
            b.node("Tanh", List.of(p + "proj"), List.of(p + "act"));
            b.node("Add", List.of(h, p + "act"), List.of(p + "h"));
            h = p + "h";
            if (c.mlpDim() > 0) {
                b.initializer(p + "w1", random(random, e * c.mlpDim(), projection), e, c.mlpDim());
                b.initializer(p + "w2", random(random, c.mlpDim() * e, (float) (1 / Math.sqrt(c.mlpDim()))), c.mlpDim(), e);
                b.node("MatMul", List.of(h, p + "w1"), List.of(p + "up"));
                b.node("Relu", List.of(p + "up"), List.of(p + "up_act"));
                b.node("MatMul", List.of(p + "up_act", p + "w2"), List.of(p + "down"));
                b.node("Add", List.of(h, p + "down"), List.of(p + "h_mlp"));
                h = p + "h_mlp";
            }
        }
        b.initializer("w_out", random(random, e * c.vocab(), projection * c.outputScale()), e, c.vocab());
        String logits = c.transitions() == null && !c.float16Cache() ? "logits" : "logits_model";
        b.node("MatMul", List.of(h, "w_out"), List.of(logits));
        if (c.transitions() == null && c.float16Cache()) {
            b.node("Cast", List.of("logits_model"), List.of("logits"), Attr.i("to", ElemType.FLOAT16.code));
        }
        if (c.transitions() != null) {
            float[] table = new float[c.vocab() * c.vocab()];
            for (int r = 0; r < c.vocab(); r++) {
                System.arraycopy(c.transitions()[r], 0, table, r * c.vocab(), c.vocab());
            }
            b.initializer("transitions", table, c.vocab(), c.vocab());
            b.node("Gather", List.of("transitions", "input_ids"), List.of("logits_next"));
            String sum = c.float16Cache() ? "logits32" : "logits";
            b.node("Add", List.of("logits_model", "logits_next"), List.of(sum));
            if (c.float16Cache()) {
                b.node("Cast", List.of(sum), List.of("logits"), Attr.i("to", ElemType.FLOAT16.code));
            }
        }
        return b.write(file);
    }

    private static float[] random(SplittableRandom random, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (random.nextDouble(-1.7320508, 1.7320508) * scale);
        return out;
    }
}
