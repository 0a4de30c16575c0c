package dev.jikji.index;

import java.util.List;

/**
 * One source document as one unit of writing: its record, its metadata as JSON, the original request (kept so the
 * index can be rebuilt under other models) and its chunks. An index replaces all of it at once.
 */
public record IndexedDocument(DocumentRecord record, String metadataJson, String original, List<IndexedChunk> chunks) {

    public IndexedDocument {
        chunks = List.copyOf(chunks);
    }

    public String id() {
        return record.id();
    }

    /** Chunks with a vector. */
    public int embeddedChunks() {
        return (int) chunks.stream().filter(c -> c.vector() != null).count();
    }

    /**
     * The whole document as the document-level BM25 field sees it: the title, each heading path where it
     * changes, and the chunks' text with the sentences neighbouring chunks repeat taken once (a chunk
     * whose text is its source span exactly loses the part the previous chunk already covered).
     */
    public String documentText() {
        StringBuilder sb = new StringBuilder();
        String title = record.title();
        if (title != null && !title.isBlank()) sb.append(title.strip()).append("\n\n");
        List<String> heading = List.of();
        int covered = -1;
        for (IndexedChunk c : chunks) {
            if (!c.headingPath().isEmpty() && !c.headingPath().equals(heading)) {
                sb.append(String.join(" > ", c.headingPath())).append('\n');
            }
            heading = c.headingPath();
            String text = c.text();
            if (covered > c.start() && covered < c.end() && text.length() == c.end() - c.start()) {
                text = text.substring(covered - c.start());
            } else if (covered >= c.end() && text.length() == c.end() - c.start()) {
                text = "";
            }
            sb.append(text).append("\n\n");
            covered = Math.max(covered, c.end());
        }
        return sb.toString();
    }
}
