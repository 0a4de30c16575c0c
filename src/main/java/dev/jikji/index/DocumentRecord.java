package dev.jikji.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the index knows of one source document, apart from its chunks. */
public record DocumentRecord(
        String id,
        String title,
        String source,
        String contentType,
        Map<String, String> metadata,
        List<String> acl,
        String hash,
        Instant ingestedAt,
        int chunks) {}
