package dev.jikji.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the index knows of one source document, apart from its chunks. {@code embeddedChunks} of its
 * {@code chunks} have a vector (the others are in a language the embedder does not declare: BM25 finds them).
 */
public record DocumentRecord(
        String id,
        String title,
        String source,
        String contentType,
        Map<String, String> metadata,
        List<String> acl,
        String hash,
        Instant ingestedAt,
        int chunks,
        int embeddedChunks) {

    /** A record whose chunks all have vectors. */
    public DocumentRecord(String id, String title, String source, String contentType, Map<String, String> metadata,
            List<String> acl, String hash, Instant ingestedAt, int chunks) {
        this(id, title, source, contentType, metadata, acl, hash, ingestedAt, chunks, chunks);
    }
}
