package dev.jikji.rag;

/** One earlier turn of a conversation, as the caller sends it back: the question and the answer it got. */
public record Turn(String question, String answer) {}
