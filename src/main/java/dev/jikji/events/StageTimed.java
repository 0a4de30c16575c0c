package dev.jikji.events;

/** One stage took {@code nanos}. */
public record StageTimed(Stage stage, long nanos) {}
