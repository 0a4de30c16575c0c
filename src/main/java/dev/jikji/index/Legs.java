package dev.jikji.index;

import java.util.List;

/** What each leg found, best first: chunks for the chunk legs, document ids for the document leg. */
public record Legs(List<StoredChunk> bm25, List<StoredChunk> knn, List<StoredChunk> bigrams, List<String> documents) {}
