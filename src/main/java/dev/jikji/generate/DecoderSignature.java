package dev.jikji.generate;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an Optimum-style decoder export, read from the session's metadata: layer count, KV heads, head size
 * and cache element type from {@code past_key_values.{i}.key}, and which optional inputs it declares.
 *
 * @param vocabSize the logits' last dimension, or -1 when the export leaves it symbolic
 */
record DecoderSignature(
        int layers,
        int kvHeads,
        int headDim,
        OnnxJavaType cacheType,
        boolean positionIds,
        String logitsToKeep,
        boolean useCacheBranch,
        long vocabSize) {

    private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");

    static DecoderSignature of(OrtSession session) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        for (String required : new String[] {"input_ids", "attention_mask"}) {
            if (!inputs.containsKey(required)) {
                throw new IllegalStateException("Decoder model lacks the input " + required + "; it takes " + inputs.keySet());
            }
        }
        if (!outputs.containsKey("logits")) {
            throw new IllegalStateException("Decoder model has no output named logits; it has " + outputs.keySet());
        }
        Set<Integer> keys = new TreeSet<>();
        Set<Integer> values = new TreeSet<>();
        int pastInputs = 0;
        for (String name : inputs.keySet()) {
            Matcher m = PAST.matcher(name);
            if (m.matches()) {
                pastInputs++;
                (m.group(2).equals("key") ? keys : values).add(Integer.parseInt(m.group(1)));
            }
        }
        if (pastInputs == 0) {
            throw new IllegalStateException("Decoder model has no past_key_values.{i}.key/value inputs: it was exported "
                    + "without a KV cache (Optimum task text-generation-with-past is needed); inputs: " + inputs.keySet());
        }
        if (pastInputs % 2 != 0 || !keys.equals(values)) {
            throw new IllegalStateException("Decoder model's past_key_values inputs do not pair up: layers with keys "
                    + keys + ", with values " + values);
        }
        int layers = keys.size();
        for (int i = 0; i < layers; i++) {
            if (!keys.contains(i)) {
                throw new IllegalStateException("Decoder model's past_key_values layers are not 0.." + (layers - 1) + ": " + keys);
            }
            for (String kind : new String[] {"key", "value"}) {
                if (!outputs.containsKey("present." + i + "." + kind)) {
                    throw new IllegalStateException("Decoder model has no output present." + i + "." + kind
                            + " for its input past_key_values." + i + "." + kind);
                }
            }
        }
        TensorInfo past = (TensorInfo) inputs.get("past_key_values.0.key").getInfo();
        long[] shape = past.getShape();
        if (shape.length != 4 || shape[1] <= 0 || shape[3] <= 0) {
            throw new IllegalStateException("past_key_values.0.key should be [batch, kv_heads, past_sequence, head_dim] with "
                    + "fixed heads and head size; it is " + java.util.Arrays.toString(shape));
        }
        if (past.type != OnnxJavaType.FLOAT && past.type != OnnxJavaType.FLOAT16) {
            throw new IllegalStateException("KV cache of type " + past.type + " is not supported (float32 or float16 only)");
        }
        String keep = inputs.containsKey("num_logits_to_keep") ? "num_logits_to_keep"
                : inputs.containsKey("logits_to_keep") ? "logits_to_keep" : null;
        long[] logits = ((TensorInfo) outputs.get("logits").getInfo()).getShape();
        return new DecoderSignature(layers, (int) shape[1], (int) shape[3], past.type,
                inputs.containsKey("position_ids"), keep, inputs.containsKey("use_cache_branch"),
                logits.length == 0 ? -1 : logits[logits.length - 1]);
    }

    String cacheTypeName() {
        return cacheType == OnnxJavaType.FLOAT16 ? "float16" : "float32";
    }
}
