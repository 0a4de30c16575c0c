package dev.jikji.embed;

/** Counts text in tokens of the embedding model's tokenizer, the unit chunk sizes are given in. */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);
}
