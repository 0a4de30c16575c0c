package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.jikji.onnx.OnnxModelBuilder;
import dev.jikji.onnx.OnnxModelBuilder.ElemType;
import dev.jikji.onnx.OnnxThreads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exports that do not fit the decoder loop are refused at load, saying what is wrong. */
class DecoderSignatureTest {

    /** input_ids → logits through a Cast, plus whatever past inputs and present outputs are asked for. */
    private static DecoderSignature signatureOf(String[] pastInputs, String[] presentOutputs, Object... pastDims)
            throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder()
                .input("input_ids", ElemType.INT64, "batch_size", "sequence_length")
                .input("attention_mask", ElemType.INT64, "batch_size", "total_sequence_length")
                .output("logits", ElemType.FLOAT, "batch_size", "sequence_length", "vocab")
                .node("Cast", List.of("input_ids"), List.of("logits"), OnnxModelBuilder.Attr.i("to", ElemType.FLOAT.code));
        for (int i = 0; i < pastInputs.length; i++) {
            b.input(pastInputs[i], ElemType.FLOAT, pastDims);
            if (i < presentOutputs.length) {
                b.output(presentOutputs[i], ElemType.FLOAT, pastDims);
                b.node("Identity", List.of(pastInputs[i]), List.of(presentOutputs[i]));
            }
        }
        byte[] model = b.toBytes();
        return OnnxThreads.call(() -> {
            try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model)) {
                return DecoderSignature.of(s);
            }
        });
    }

    @Test
    void aModelWithoutKvCacheIsRefused() {
        assertThatThrownBy(() -> signatureOf(new String[0], new String[0]))
                .hasMessageContaining("without a KV cache").hasMessageContaining("text-generation-with-past");
    }

    @Test
    void unpairedPastInputsAreRefused() {
        assertThatThrownBy(() -> signatureOf(new String[] {"past_key_values.0.key", "past_key_values.0.value",
                "past_key_values.1.key"}, new String[0], "b", 2, "p", 4))
                .hasMessageContaining("do not pair up");
        assertThatThrownBy(() -> signatureOf(new String[] {"past_key_values.0.key", "past_key_values.1.value"},
                new String[0], "b", 2, "p", 4))
                .hasMessageContaining("do not pair up");
    }

    @Test
    void layersMustBeNumberedFromZeroAndHavePresents() {
        assertThatThrownBy(() -> signatureOf(new String[] {"past_key_values.1.key", "past_key_values.1.value"},
                new String[] {"present.1.key", "present.1.value"}, "b", 2, "p", 4))
                .hasMessageContaining("not 0..0");
        assertThatThrownBy(() -> signatureOf(new String[] {"past_key_values.0.key", "past_key_values.0.value"},
                new String[] {"present.0.key"}, "b", 2, "p", 4))
                .hasMessageContaining("no output present.0.value");
    }

    @Test
    void symbolicHeadsAreRefusedAndFixedOnesRead() throws Exception {
        assertThatThrownBy(() -> signatureOf(new String[] {"past_key_values.0.key", "past_key_values.0.value"},
                new String[] {"present.0.key", "present.0.value"}, "b", "heads", "p", 4))
                .hasMessageContaining("fixed heads");
        DecoderSignature s = signatureOf(new String[] {"past_key_values.0.key", "past_key_values.0.value"},
                new String[] {"present.0.key", "present.0.value"}, "b", 3, "p", 16);
        assertThat(s.layers()).isEqualTo(1);
        assertThat(s.kvHeads()).isEqualTo(3);
        assertThat(s.headDim()).isEqualTo(16);
        assertThat(s.positionIds()).isFalse();
        assertThat(s.vocabSize()).isEqualTo(-1);
        assertThat(DecodingLoop.prefillSlice(s)).isEqualTo(256);
    }

    @Test
    void symbolicLogitsTooSmallForTheTokenizerFailOnTheFirstStep() throws Exception {
        // logits here are the input ids themselves, so a 2-token prompt gives 2 "vocabulary" entries
        OnnxModelBuilder b = new OnnxModelBuilder()
                .input("input_ids", ElemType.INT64, "batch_size", "sequence_length")
                .input("attention_mask", ElemType.INT64, "batch_size", "total_sequence_length")
                .input("past_key_values.0.key", ElemType.FLOAT, "b", 1, "p", 2)
                .input("past_key_values.0.value", ElemType.FLOAT, "b", 1, "p", 2)
                .output("logits", ElemType.FLOAT, "batch_size", "sequence_length")
                .output("present.0.key", ElemType.FLOAT, "b", 1, "p", 2)
                .output("present.0.value", ElemType.FLOAT, "b", 1, "p", 2)
                .node("Cast", List.of("input_ids"), List.of("logits"), OnnxModelBuilder.Attr.i("to", ElemType.FLOAT.code))
                .node("Identity", List.of("past_key_values.0.key"), List.of("present.0.key"))
                .node("Identity", List.of("past_key_values.0.value"), List.of("present.0.value"));
        byte[] model = b.toBytes();
        OnnxThreads.call(() -> {
            try (OrtSession s = OrtEnvironment.getEnvironment().createSession(model)) {
                DecoderSession session = new DecoderSession(s);
                session.requireVocabulary(5, "tokenizer.json");
                try (KvCache cache = session.newCache()) {
                    assertThatThrownBy(() -> session.step(new long[] {3, 4}, 0, 2, cache))
                            .hasMessageContaining("logits cover 2 tokens but tokenizer.json has 5");
                }
            }
            return null;
        });
    }
}
