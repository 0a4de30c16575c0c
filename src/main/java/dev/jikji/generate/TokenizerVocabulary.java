package dev.jikji.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token ids by text and the vocabulary size, read from tokenizer.json: DJL's tokenizer says neither, and both are
 * needed to check the tokenizer against the model (ids past the logits would never be sampled, or worse, index
 * out of the embedding table) and to find the chat template's special tokens.
 */
final class TokenizerVocabulary {

    private final Map<String, Long> ids = new HashMap<>();
    private final java.util.List<String> added = new java.util.ArrayList<>();
    private long size;

    static TokenizerVocabulary read(Path tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        TokenizerVocabulary v = new TokenizerVocabulary();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            vocab.properties().forEach(e -> v.add(e.getKey(), e.getValue().asLong()));
        } else if (vocab.isArray()) {
            // Unigram: a list of [piece, score]; the id is the position
            for (int i = 0; i < vocab.size(); i++) v.add(vocab.get(i).path(0).asText(), i);
        }
        for (JsonNode added : root.path("added_tokens")) {
            v.add(added.path("content").asText(), added.path("id").asLong());
            String content = added.path("content").asText();
            if (isControl(content, added.path("special").asBoolean(false))) v.added.add(content);
        }
        return v;
    }

    private void add(String token, long id) {
        ids.put(token, id);
        size = Math.max(size, id + 1);
    }

    /** One more than the largest id: what the model's logits must cover. */
    long size() {
        return size;
    }

    /**
     * Added tokens that steer the model: those marked special, and markup-like ones that are not ({@code <think>},
     * {@code <tool_call>}). Whitespace runs, which some vocabularies add too (Gemma), are text, not control.
     */
    static boolean isControl(String content, boolean special) {
        if (content.isBlank()) return false;
        boolean markup = content.length() > 2 && content.chars().noneMatch(Character::isWhitespace)
                && (content.startsWith("<") && content.endsWith(">") || content.startsWith("[") && content.endsWith("]"));
        return special || markup;
    }

    /** The tokenizer's control tokens among its added ones (see {@link #isControl}), which it matches anywhere in its input. */
    java.util.List<String> addedTokens() {
        return java.util.List.copyOf(added);
    }

    Optional<Long> id(String token) {
        return Optional.ofNullable(ids.get(token));
    }
}
