package dev.jikji.index;

import java.util.Set;

/**
 * A page of document records in id order: ids starting with {@code prefix} (null: any), after {@code afterId}
 * (exclusive; null: from the start), at most {@code limit}, only those a caller with {@code groups} may see
 * ({@code null}: all).
 */
public record DocumentListQuery(String prefix, String afterId, int limit, Set<String> groups) {}
