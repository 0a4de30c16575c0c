package dev.jikji.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class OnnxThreadsTest {

    /**
     * ONNX Runtime 1.29.0 crashed the JVM when the command line was long and the calling thread's stack
     * small (never with Surefire's short booter class path), so the probe runs in a child JVM started
     * the way a plain {@code java -cp} run is. With 1.29.0 this test failed (exit 139) until ONNX work
     * moved to {@link OnnxThreads}; it now guards the pinned release and the large-stack threads.
     */
    @Test
    void aChildJvmWithALongClassPathAndSmallStackSurvives() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder padded = new StringBuilder(classPath);
        for (int i = 0; i < 300; i++) padded.append(java.io.File.pathSeparator).append("/nonexistent/jikji-pad-").append(i).append(".jar");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", padded.toString(), OnnxStackProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        assertThat(exit).as("child JVM exit status (139 = SIGSEGV); output:%n%s", output).isZero();
        assertThat(output).contains("probe-ok dim=384");
    }

    @Test
    void workRunsOnALargeStackThreadAndExceptionsPassThrough() throws Exception {
        String name = OnnxThreads.call(() -> Thread.currentThread().getName());
        assertThat(name).startsWith("onnx-");
        assertThatThrownBy(() -> OnnxThreads.call(() -> {
            throw new IOException("boom");
        })).isInstanceOf(IOException.class).hasMessage("boom");
        assertThatThrownBy(() -> OnnxThreads.call(() -> {
            throw new IllegalArgumentException("bad");
        })).isInstanceOf(IllegalArgumentException.class);
    }
}
