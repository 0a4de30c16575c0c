package dev.jikji.events;

/**
 * One ingest request wrote {@code documents} created or updated documents holding {@code chunks} chunks; it
 * embedded {@code vectorsEmbedded} of them and took {@code vectorsReused} vectors over from the index (chunks an
 * update left unchanged, or a rebuild's old index).
 */
public record DocumentsIngested(int documents, long chunks, long vectorsEmbedded, long vectorsReused) {}
