package dev.jikji.ingest;

import java.util.List;

/**
 * A document reduced to its blocks. {@code text} is what block offsets point into: the source itself
 * for Markdown and plain text, the extracted text for HTML. {@code title} is the first top heading or
 * the HTML title, when the document has one.
 */
public record ParsedDocument(String text, String title, List<Block> blocks) {}
