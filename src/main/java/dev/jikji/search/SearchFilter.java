package dev.jikji.search;

import java.util.List;
import java.util.Map;

/** Restricts a search to some documents and/or to chunks whose document metadata matches exactly. */
public record SearchFilter(List<String> documentIds, Map<String, String> metadata) {

    public static final SearchFilter NONE = new SearchFilter(List.of(), Map.of());

    public SearchFilter {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
