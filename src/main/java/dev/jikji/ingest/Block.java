package dev.jikji.ingest;

import java.util.List;

/**
 * One structural piece of a document (a paragraph, one list item, a code block, a table) with the
 * headings it sits under. {@code start}/{@code end} are character offsets in the parsed text;
 * {@code section} counts the headings before the block, so two sibling sections with the same title
 * (two "## Example"s) stay apart. {@code page} is the 1-based page of a paged format (PDF), else 0.
 */
public record Block(Kind kind, List<String> headingPath, String text, int start, int end, int section, int page) {

    /** A block of a document without pages. */
    public Block(Kind kind, List<String> headingPath, String text, int start, int end, int section) {
        this(kind, headingPath, text, start, end, section, 0);
    }

    public enum Kind {
        PARAGRAPH, LIST_ITEM, CODE, TABLE, QUOTE;

        /** Prose can be cut between sentences; code and tables only between lines. */
        public boolean isProse() {
            return this == PARAGRAPH || this == LIST_ITEM || this == QUOTE;
        }
    }

    public Block {
        headingPath = List.copyOf(headingPath);
    }
}
