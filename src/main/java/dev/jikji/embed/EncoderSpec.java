package dev.jikji.embed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.language.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an ONNX text encoder needs besides its weights: the description found in {@code embedding.json}
 * next to {@code model.onnx} and {@code tokenizer.json}, or the built-in one of the embedded default.
 *
 * @param languages ISO 639-1 codes the model was trained for, or {@code "*"} for all; the search
 *                  weighs the vector leg by whether the query's language is among them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncoderSpec(
        String name,
        int dimension,
        int maxLength,
        Pooling pooling,
        boolean normalize,
        String queryPrefix,
        String passagePrefix,
        List<String> languages,
        String outputName) {

    public static final String SPEC_FILE = "embedding.json";
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";

    public enum Pooling {
        MEAN, CLS;

        /** embedding.json writes "mean" / "cls", as Sentence Transformers' pooling configs do. */
        @JsonCreator
        public static Pooling of(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    public EncoderSpec {
        Objects.requireNonNull(name, "name");
        if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive");
        if (maxLength <= 0) maxLength = 512;
        if (pooling == null) pooling = Pooling.MEAN;
        if (queryPrefix == null) queryPrefix = "";
        if (passagePrefix == null) passagePrefix = "";
        languages = languages == null || languages.isEmpty() ? List.of("*")
                : languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
    }

    /** The embedded default: e5-small-v2 quantised to int8, shipped inside a LangChain4j jar. */
    public static EncoderSpec embeddedE5SmallV2() {
        return new EncoderSpec("intfloat/e5-small-v2 (int8, embedded)", 384, 512, Pooling.MEAN, true,
                "query: ", "passage: ", List.of("en"), null);
    }

    public boolean covers(Language language) {
        return languages.contains(VectorLanguages.ALL) || languages.contains(language.code());
    }

    public Set<String> languageSet() {
        return Set.copyOf(languages);
    }

    /** A model folder laid out as {@code onnx-models/fetch} leaves it, or null when it holds no model. */
    public static Located locate(Path dir, ObjectMapper json) {
        Path model = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(model)) {
            return null;
        }
        Path tokenizer = dir.resolve(TOKENIZER_FILE);
        Path specFile = dir.resolve(SPEC_FILE);
        if (!Files.isRegularFile(tokenizer) || !Files.isRegularFile(specFile)) {
            throw new IllegalStateException("Embedding model folder " + dir.toAbsolutePath()
                    + " has model.onnx but lacks " + (Files.isRegularFile(tokenizer) ? SPEC_FILE : TOKENIZER_FILE));
        }
        try {
            return new Located(json.readValue(specFile.toFile(), EncoderSpec.class), model, tokenizer);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + specFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The embedded default's files, copied out of the jar because ONNX Runtime and the tokenizer read paths. */
    public static Located embedded() {
        try {
            Path dir = Files.createTempDirectory("jikji-e5-small-v2-q");
            dir.toFile().deleteOnExit();
            Path model = copyResource("/e5-small-v2-q.onnx", dir.resolve(MODEL_FILE));
            Path tokenizer = copyResource("/e5-small-v2-q-tokenizer.json", dir.resolve(TOKENIZER_FILE));
            return new Located(embeddedE5SmallV2(), model, tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the embedded embedding model", e);
        }
    }

    private static Path copyResource(String resource, Path target) throws IOException {
        try (InputStream in = EncoderSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " missing from the class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        }
    }

    public record Located(EncoderSpec spec, Path model, Path tokenizer) {}
}
