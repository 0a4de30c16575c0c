package dev.jikji.index;

import java.util.List;

/** A page of document records; {@code nextAfter} is the id to continue after, or null on the last page. */
public record DocumentPage(List<DocumentRecord> documents, String nextAfter, int total) {}
