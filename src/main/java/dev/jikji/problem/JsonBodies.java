package dev.jikji.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Reads request bodies strictly (no type coercion, duplicate keys refused) and turns every JSON error
 * into a 400 problem that names the field, or the line and column of a syntax error.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies() {
        JsonMapper m = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.mapper = m;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a whole body; {@code line} is given for NDJSON so the problem can say which line. */
    public JsonNode parse(byte[] body, Integer line) {
        if (body.length == 0) {
            throw problem(line, "body", "the request body is empty");
        }
        StrictUtf8.check(body, "body", line);
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) throw problem(line, "body", "the request body holds no JSON value");
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw problem(line, "body", "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw problem(line, "body", "unreadable JSON: " + e.getMessage());
        }
    }

    /** Binds a parsed value to a type; a wrong type names its field, e.g. {@code metadata.team}. */
    public <T> T bind(JsonNode node, Class<T> type, String prefix, Integer line) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw problem(line, fieldOf(prefix, e), "invalid value: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw problem(line, prefix == null ? "body" : prefix, "invalid value: " + e.getOriginalMessage());
        }
    }

    static String fieldOf(String prefix, JsonMappingException e) {
        StringBuilder sb = new StringBuilder(prefix == null ? "" : prefix);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static ProblemException problem(Integer line, String field, String detail) {
        return line == null ? ProblemException.badRequest(field, detail) : ProblemException.badLine(line, field,
                "line " + line + ": " + detail);
    }
}
