package dev.jikji.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tokenised texts padded to the longest one, as Hugging Face encoder exports take them: {@code input_ids},
 * {@code attention_mask} (1 over real tokens) and {@code token_type_ids}, each int64 {@code [rows, width]}.
 * Shared by the embedder and the cross-encoder, which feed the same inputs.
 */
public record PaddedBatch(int rows, int width, long[] ids, long[] mask, long[] types) {

    public static PaddedBatch of(Encoding[] batch) {
        int rows = batch.length;
        int width = 0;
        for (Encoding e : batch) width = Math.max(width, e.getIds().length);
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] rowIds = batch[r].getIds();
            long[] rowTypes = batch[r].getTypeIds();
            for (int t = 0; t < rowIds.length; t++) {
                ids[r * width + t] = rowIds[t];
                mask[r * width + t] = 1;
                types[r * width + t] = rowTypes[t];
            }
        }
        return new PaddedBatch(rows, width, ids, mask, types);
    }

    /**
     * The input tensors for a model taking {@code modelInputs}; {@code token_type_ids} only when it declares
     * that input. The caller closes them.
     */
    public Map<String, OnnxTensor> tensors(Set<String> modelInputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (modelInputs.contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            return inputs;
        } catch (OrtException | RuntimeException e) {
            inputs.values().forEach(OnnxTensor::close);
            throw e;
        }
    }
}
