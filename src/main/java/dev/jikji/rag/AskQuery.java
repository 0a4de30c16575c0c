package dev.jikji.rag;

import dev.jikji.search.SearchFilter;

/** A validated question: the text, how many sources the generator gets, and the search filter. */
public record AskQuery(String question, int topK, SearchFilter filter) {}
