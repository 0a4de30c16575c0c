package dev.jikji.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a Hugging Face/Optimum decoder folder says about itself, from its JSON files: {@code config.json} and
 * {@code generation_config.json} are optional, {@code tokenizer.json} and {@code tokenizer_config.json} are not.
 *
 * @param maxPositionEmbeddings 0 when config.json does not say
 * @param eosTokenIds ids from generation_config.json and config.json ({@code eos_token_id}, a number or a list)
 * @param eosToken the {@code eos_token} of tokenizer_config.json, or null
 * @param chatTemplate the Jinja text of the chat template (only inspected, never run), or null
 */
public record DecoderSpec(
        String name,
        Path model,
        Path tokenizer,
        int maxPositionEmbeddings,
        Set<Long> eosTokenIds,
        String eosToken,
        String chatTemplate) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static DecoderSpec read(Path dir) throws IOException {
        // onnx-community repositories keep the graph under onnx/ and the tokenizer files at the top
        Path model = dir.resolve("model.onnx");
        if (!Files.isRegularFile(model) && Files.isRegularFile(dir.resolve("onnx/model.onnx"))) {
            model = dir.resolve("onnx/model.onnx");
        }
        Path tokenizer = dir.resolve("tokenizer.json");
        Path tokenizerConfig = dir.resolve("tokenizer_config.json");
        for (Path required : new Path[] {model, tokenizer, tokenizerConfig}) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException("Decoder folder " + dir + " has no " + required.getFileName()
                        + " (expected model.onnx or onnx/model.onnx, tokenizer.json, tokenizer_config.json; config.json and "
                        + "generation_config.json optional)");
            }
        }
        JsonNode config = readOptional(dir.resolve("config.json"));
        JsonNode generation = readOptional(dir.resolve("generation_config.json"));
        JsonNode tokConfig = JSON.readTree(tokenizerConfig.toFile());

        String name = Optional.ofNullable(config.get("_name_or_path")).map(JsonNode::asText)
                .filter(s -> !s.isBlank()).orElse(dir.toAbsolutePath().normalize().getFileName().toString());
        Set<Long> eos = new LinkedHashSet<>();
        addIds(generation.get("eos_token_id"), eos);
        addIds(config.get("eos_token_id"), eos);
        return new DecoderSpec(name, model, tokenizer, config.path("max_position_embeddings").asInt(0), Set.copyOf(eos),
                tokenText(tokConfig.get("eos_token")), chatTemplate(tokConfig, dir));
    }

    private static JsonNode readOptional(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    }

    private static void addIds(JsonNode node, Set<Long> into) {
        if (node == null || node.isNull()) return;
        if (node.isArray()) node.forEach(n -> into.add(n.asLong()));
        else into.add(node.asLong());
    }

    /** Special tokens in tokenizer_config.json are either a string or an AddedToken object with "content". */
    static String tokenText(JsonNode node) {
        if (node == null || node.isNull()) return null;
        return node.isObject() ? node.path("content").asText(null) : node.asText();
    }

    /** A string, a list of named templates (the "default" one is used), or, in newer exports, chat_template.jinja. */
    private static String chatTemplate(JsonNode tokConfig, Path dir) throws IOException {
        JsonNode t = tokConfig.get("chat_template");
        if (t != null && t.isTextual()) return t.asText();
        if (t != null && t.isArray()) {
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText())) return named.path("template").asText();
            }
            if (!t.isEmpty()) return t.get(0).path("template").asText();
        }
        Path jinja = dir.resolve("chat_template.jinja");
        return Files.isRegularFile(jinja) ? Files.readString(jinja) : null;
    }
}
