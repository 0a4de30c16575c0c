package dev.jikji.embed;

import dev.jikji.language.Language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.onnx.OnnxSessionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encoder installed in a model folder replaces the embedded one, described by its embedding.json. */
class EncoderSpecTest {

    private final ObjectMapper json = new ObjectMapper();

    /** Lays out a model folder as onnx-models/fetch does, reusing the embedded model's files. */
    static Path installedModel(Path dir, String specJson) throws Exception {
        EncoderSpec.Located embedded = EncoderSpec.embedded();
        Files.copy(embedded.model(), dir.resolve(EncoderSpec.MODEL_FILE));
        Files.copy(embedded.tokenizer(), dir.resolve(EncoderSpec.TOKENIZER_FILE));
        Files.writeString(dir.resolve(EncoderSpec.SPEC_FILE), specJson);
        return dir;
    }

    @Test
    void emptyFolderMeansTheEmbeddedDefault(@TempDir Path dir) {
        assertThat(EncoderSpec.locate(dir, json)).isNull();
    }

    @Test
    void folderWithModelTokenizerAndDescriptionIsUsed(@TempDir Path dir) throws Exception {
        installedModel(dir, """
                {"name": "acme/encoder", "dimension": 384, "maxLength": 256, "pooling": "cls",
                 "normalize": true, "queryPrefix": "q: ", "passagePrefix": "p: ", "languages": ["ko", "EN"]}
                """);
        EncoderSpec.Located located = EncoderSpec.locate(dir, json);
        assertThat(located.model()).isEqualTo(dir.resolve("model.onnx"));
        EncoderSpec spec = located.spec();
        assertThat(spec.name()).isEqualTo("acme/encoder");
        assertThat(spec.pooling()).isEqualTo(EncoderSpec.Pooling.CLS);
        assertThat(spec.maxLength()).isEqualTo(256);
        assertThat(spec.queryPrefix()).isEqualTo("q: ");
        assertThat(spec.covers(Language.KOREAN)).isTrue();
        assertThat(spec.covers(Language.ENGLISH)).isTrue();
        assertThat(spec.covers(Language.UNDETERMINED)).isFalse();

        try (OnnxEncoder encoder = new OnnxEncoder(located, OnnxSessionFactory.cpu(), 1, 4)) {
            float[] cls = encoder.encode(List.of("p: hello world")).getFirst();
            assertThat(cls).hasSize(384);
            double norm = 0;
            for (float x : cls) norm += x * x;
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void languagesDefaultToAll(@TempDir Path dir) throws Exception {
        installedModel(dir, "{\"name\": \"any\", \"dimension\": 384}");
        EncoderSpec spec = EncoderSpec.locate(dir, json).spec();
        assertThat(spec.covers(Language.KOREAN)).isTrue();
        assertThat(spec.pooling()).isEqualTo(EncoderSpec.Pooling.MEAN);
        assertThat(spec.maxLength()).isEqualTo(512);
    }

    @Test
    void missingTokenizerIsAClearError(@TempDir Path dir) throws Exception {
        installedModel(dir, "{\"name\": \"x\", \"dimension\": 384}");
        Files.delete(dir.resolve(EncoderSpec.TOKENIZER_FILE));
        assertThatThrownBy(() -> EncoderSpec.locate(dir, json))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenizer.json");
    }

    @Test
    void wrongDimensionIsRefusedAtLoad(@TempDir Path dir) throws Exception {
        installedModel(dir, "{\"name\": \"liar\", \"dimension\": 768}");
        assertThatThrownBy(() -> new OnnxEncoder(EncoderSpec.locate(dir, json), OnnxSessionFactory.cpu(), 1, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("384").hasMessageContaining("768");
    }
}
