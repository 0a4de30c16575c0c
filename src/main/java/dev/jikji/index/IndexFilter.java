package dev.jikji.index;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every retrieval leg runs under, inside the leg (so a top K stays full): only {@code documentIds} when
 * given, only documents whose metadata holds every entry of {@code metadata}, and only what a caller with
 * {@code groups} may see ({@code null}: unrestricted; see {@link AclQuery}).
 */
public record IndexFilter(List<String> documentIds, Map<String, String> metadata, Set<String> groups) {

    public static final IndexFilter NONE = new IndexFilter(List.of(), Map.of(), null);

    public IndexFilter {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        groups = groups == null ? null : Set.copyOf(groups);
    }
}
