package dev.jikji.search;

/** A validated search: the text, how many hits, and the filter. */
public record SearchQuery(String query, int topK, SearchFilter filter) {}
