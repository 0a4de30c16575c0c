package dev.jikji.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RerankersTest {

    @Test
    void autoTakesTheCrossEncoderWhenInstalledElseTheMeasuredDefault() {
        assertThat(Rerankers.choose(Rerankers.Kind.AUTO, true)).isEqualTo(Rerankers.Kind.ONNX);
        assertThat(Rerankers.choose(Rerankers.Kind.AUTO, false)).isEqualTo(Rerankers.AUTO_WITHOUT_MODEL);
        assertThat(Rerankers.AUTO_WITHOUT_MODEL).isEqualTo(Rerankers.Kind.BUILTIN);
    }

    @Test
    void explicitKindsAreKept() {
        for (boolean installed : new boolean[] {true, false}) {
            assertThat(Rerankers.choose(Rerankers.Kind.BUILTIN, installed)).isEqualTo(Rerankers.Kind.BUILTIN);
            assertThat(Rerankers.choose(Rerankers.Kind.NONE, installed)).isEqualTo(Rerankers.Kind.NONE);
            assertThat(Rerankers.choose(Rerankers.Kind.ONNX, installed)).isEqualTo(Rerankers.Kind.ONNX);
        }
    }

    @Test
    void kindIsParsedCaseInsensitivelyAndUnknownKindsAreNamed() {
        assertThat(Rerankers.parse(" Builtin ")).isEqualTo(Rerankers.Kind.BUILTIN);
        assertThat(Rerankers.parse("ONNX")).isEqualTo(Rerankers.Kind.ONNX);
        assertThatThrownBy(() -> Rerankers.parse("colbert")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jikji.rerank.kind").hasMessageContaining("colbert");
    }

    @Test
    void crossEncoderCountsAsInstalledOnlyWithModelAndTokenizer(@TempDir Path dir) throws Exception {
        assertThat(OnnxCrossEncoder.installedIn(dir)).isFalse();
        Files.writeString(dir.resolve("model.onnx"), "x");
        assertThat(OnnxCrossEncoder.installedIn(dir)).isFalse();
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThat(OnnxCrossEncoder.installedIn(dir)).isTrue();
        assertThat(OnnxCrossEncoder.installedIn(dir.resolve("missing"))).isFalse();
    }
}
