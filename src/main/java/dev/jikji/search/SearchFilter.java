package dev.jikji.search;

import dev.jikji.index.IndexFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Restricts a search to some documents and/or to chunks whose document metadata matches exactly, and always to
 * what the caller may see: {@code groups == null} is unrestricted (auth off, or trusted internal use); otherwise
 * only chunks of documents without an {@code acl} or whose {@code acl} names one of {@code groups}.
 */
public record SearchFilter(List<String> documentIds, Map<String, String> metadata, Set<String> groups) {

    /** No restriction at all: every document, whatever its acl. Not for callers on behalf of a person or key. */
    public static final SearchFilter NONE = new SearchFilter(List.of(), Map.of(), null);

    public SearchFilter {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        groups = groups == null ? null : Set.copyOf(groups);
    }

    public SearchFilter(List<String> documentIds, Map<String, String> metadata) {
        this(documentIds, metadata, null);
    }

    /** Only public documents and those of {@code groups}. */
    public static SearchFilter visibleTo(Set<String> groups) {
        return new SearchFilter(List.of(), Map.of(), groups);
    }

    /** The same restriction as the index's legs apply it. */
    public IndexFilter toIndex() {
        return new IndexFilter(documentIds, metadata, groups);
    }

    public SearchFilter withGroups(Set<String> groups) {
        return new SearchFilter(documentIds, metadata, groups);
    }
}
