package dev.jikji.events;

/** One ingest request wrote {@code documents} created or updated documents holding {@code chunks} chunks. */
public record DocumentsIngested(int documents, long chunks) {}
