package dev.jikji.ingest;

import java.util.List;

/**
 * A retrievable piece of a document: whole sentences, list items or code lines under one heading
 * path. {@code start}/{@code end} are offsets into the parsed document text; {@code page} is the
 * page it comes from in a paged format (chunks never span pages), else 0. {@code tokens} is its size in the unit
 * its section was measured in ({@link Chunker.Measure}): model tokens, or characters for text that gets no vector.
 */
public record Chunk(int ordinal, List<String> headingPath, String text, int start, int end, int tokens, int page) {

    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    /** A chunk of a document without pages. */
    public Chunk(int ordinal, List<String> headingPath, String text, int start, int end, int tokens) {
        this(ordinal, headingPath, text, start, end, tokens, 0);
    }

    /** What is embedded and keyword-indexed: the title and heading path give the chunk its context. */
    public String contextualText(String title) {
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isBlank()) sb.append(title.strip()).append('\n');
        if (!headingPath.isEmpty()) sb.append(String.join(" > ", headingPath)).append('\n');
        if (!sb.isEmpty()) sb.append('\n');
        return sb.append(text).toString();
    }
}
