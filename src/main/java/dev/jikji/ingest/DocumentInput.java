package dev.jikji.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A document as a client sends it to the ingest API. Only {@code text} is required. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentInput(
        String id,
        String title,
        String text,
        String source,
        String contentType,
        Map<String, String> metadata,
        List<String> acl) {

    public DocumentInput withAcl(List<String> newAcl) {
        return new DocumentInput(id, title, text, source, contentType, metadata, newAcl);
    }

    public DocumentInput withId(String newId) {
        return new DocumentInput(newId, title, text, source, contentType, metadata, acl);
    }
}
