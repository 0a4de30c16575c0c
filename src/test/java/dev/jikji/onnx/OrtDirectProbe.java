package dev.jikji.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.jikji.embed.EncoderSpec;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Like {@link OnnxStackProbe} but calls ONNX Runtime straight from a 512 KB-stack thread, without
 * {@link OnnxThreads}: what the service did before the large-stack threads, and the way ONNX Runtime 1.29.0
 * crashed the JVM under a long command line. {@code bin/bench-onnx-runtime} runs it per version to show which
 * releases still need that protection; no test runs it, since a crash here is the expected finding for 1.29.0.
 */
public final class OrtDirectProbe {

    public static void main(String[] args) throws Exception {
        Throwable[] failure = new Throwable[1];
        long[][] shape = new long[1][];
        Thread caller = new Thread(null, () -> {
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                try (OrtSession session = env.createSession(EncoderSpec.embedded().model().toString());
                        OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {101, 2023, 102}), new long[] {1, 3});
                        OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1, 1, 1}), new long[] {1, 3});
                        OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {0, 0, 0}), new long[] {1, 3});
                        OrtSession.Result r = session.run(session.getInputNames().contains("token_type_ids")
                                ? Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types)
                                : Map.of("input_ids", ids, "attention_mask", mask))) {
                    shape[0] = ((OnnxTensor) r.get(0)).getInfo().getShape();
                }
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack-direct", 512 * 1024);
        caller.start();
        caller.join();
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
        System.out.println("direct-probe-ok ort " + OrtEnvironment.getEnvironment().getVersion() + " hidden=" + shape[0][shape[0].length - 1]);
    }
}
