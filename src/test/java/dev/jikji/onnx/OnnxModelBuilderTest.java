package dev.jikji.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.jikji.onnx.OnnxModelBuilder.Attr;
import dev.jikji.onnx.OnnxModelBuilder.ElemType;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelBuilderTest {

    @TempDir
    Path dir;

    private static OnnxModelBuilder addThenScale() {
        return new OnnxModelBuilder()
                .input("a", ElemType.FLOAT, "batch", 3)
                .input("b", ElemType.FLOAT, "batch", 3)
                .output("out", ElemType.FLOAT, "batch", 3)
                .initializer("w", new float[] {1, 2, 3}, 3)
                .node("Add", List.of("a", "b"), List.of("ab"))
                .node("Mul", List.of("ab", "w"), List.of("out"));
    }

    @Test
    void addModelRunsInOnnxRuntimeWithSymbolicDims() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = OnnxThreads.call(() -> env.createSession(addThenScale().toBytes()))) {
            TensorInfo a = (TensorInfo) session.getInputInfo().get("a").getInfo();
            assertThat(a.getShape()).containsExactly(-1, 3);
            assertThat(a.getDimensionNames()).containsExactly("batch", "");
            assertThat(run(session, new float[] {1, 1, 1, 2, 2, 2}, new float[] {0, 1, 2, 0, 0, 0}))
                    .containsExactly(1, 4, 9, 2, 4, 6);
        }
    }

    @Test
    void externalDataIsWrittenNextToTheModelAndLoaded() throws Exception {
        Path model = addThenScale().externalDataFrom(0).write(dir.resolve("model.onnx"));
        assertThat(dir.resolve("model.onnx_data")).exists();
        assertThat(Files.size(dir.resolve("model.onnx_data"))).isEqualTo(12);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = OnnxThreads.call(() -> env.createSession(model.toString()))) {
            assertThat(run(session, new float[] {1, 1, 1}, new float[] {0, 0, 0})).containsExactly(1, 2, 3);
        }
    }

    @Test
    void attributesFloat16AndInt64Tensors() throws Exception {
        // Cast(to=FLOAT16) → Concat with an fp16 initializer (axis attribute) → Cast back; Gather by int64 indices.
        byte[] bytes = new OnnxModelBuilder()
                .input("x", ElemType.FLOAT, 1, 2)
                .output("y", ElemType.FLOAT, 1, 2)
                .output("h", ElemType.FLOAT16, 1, 4)
                .initializer("half", OnnxModelBuilder.Tensor.float16(new float[] {0.5f, -2f}, 1, 2))
                .initializer("idx", new long[] {3, 0}, 2)
                .node("Cast", List.of("x"), List.of("x16"), Attr.i("to", ElemType.FLOAT16.code))
                .node("Concat", List.of("x16", "half"), List.of("h"), Attr.i("axis", 1))
                .node("Gather", List.of("h", "idx"), List.of("g"), Attr.i("axis", 1))
                .node("Cast", List.of("g"), List.of("g32"), Attr.i("to", ElemType.FLOAT.code))
                .node("Constant", List.of(), List.of("c"), Attr.t("value", OnnxModelBuilder.Tensor.floats(new float[] {10f}, 1)))
                .node("Add", List.of("g32", "c"), List.of("y"))
                .toBytes();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = OnnxThreads.call(() -> env.createSession(bytes))) {
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertThat(((TensorInfo) outputs.get("h").getInfo()).type).isEqualTo(OnnxJavaType.FLOAT16);
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 3}), new long[] {1, 2});
                    OrtSession.Result r = OnnxThreads.call(() -> session.run(Map.of("x", x)))) {
                float[] y = new float[2];
                ((OnnxTensor) r.get("y").orElseThrow()).getFloatBuffer().get(y);
                assertThat(y).containsExactly(8f, 11f);
            }
        }
    }

    private static float[] run(OrtSession session, float[] a, float[] b) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {a.length / 3, 3};
        try (OnnxTensor ta = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), shape);
                OnnxTensor tb = OnnxTensor.createTensor(env, FloatBuffer.wrap(b), shape);
                OrtSession.Result r = OnnxThreads.call(() -> session.run(Map.of("a", ta, "b", tb)))) {
            float[] out = new float[a.length];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(out);
            return out;
        }
    }
}
