package dev.jikji.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Scores ({@code score}, {@code rerankScore}) are shown only to callers that see every document (group {@code *},
 * or auth off): BM25 and the built-in reranker weigh terms with deployment-wide statistics, so a score moves when
 * restricted documents holding the query's terms are added, and a caller watching it could learn that they exist.
 */
final class ScoreVisibility {

    private static final Set<String> SCORE_FIELDS = Set.of("score", "rerankScore");

    private ScoreVisibility() {}

    /** {@code result} itself for an unrestricted caller ({@code groups == null}); otherwise its JSON without scores. */
    static Object forCaller(Object result, Set<String> groups, ObjectMapper mapper) {
        if (groups == null) return result;
        JsonNode tree = mapper.valueToTree(result);
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) o.remove(SCORE_FIELDS);
        for (JsonNode child : node) strip(child);
    }
}
