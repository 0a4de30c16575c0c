package dev.jikji.onnx;

import dev.jikji.embed.EncoderSpec;
import dev.jikji.embed.OnnxEncoder;
import java.util.List;

/** Child-process main for {@link OnnxThreadsTest}: opens and runs the embedder from a 512 KB-stack thread. */
public final class OnnxStackProbe {

    public static void main(String[] args) throws Exception {
        Throwable[] failure = new Throwable[1];
        float[][] vector = new float[1][];
        Thread caller = new Thread(null, () -> {
            try (OnnxEncoder encoder = new OnnxEncoder(EncoderSpec.embedded(), OnnxSessionFactory.cpu(), 1, 4)) {
                vector[0] = encoder.encode(List.of("passage: a probe of the native stack")).getFirst();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 512 * 1024);
        caller.start();
        caller.join();
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
        System.out.println("probe-ok dim=" + vector[0].length);
    }
}
