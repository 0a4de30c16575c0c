package dev.jikji.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where {@code jikji ingest} syncs to: a running server over HTTP, or the index on disk (offline). */
interface SyncTarget extends AutoCloseable {

    /** The outcome of sending one file: a status as the ingest API reports it, or a failure reason. */
    record Sent(String status, Integer chunks, String reason) {}

    /** Document id → SHA-256 of the file it was synced from ("" when unknown), for ids under {@code prefix}. */
    Map<String, String> hashes(String prefix) throws Exception;

    /** {@code acl}: the document's groups ({@code []} public); {@code null} keeps the ACL it has. */
    Sent send(Path file, String id, Map<String, String> metadata, java.util.List<String> acl) throws Exception;

    void delete(String id) throws Exception;

    @Override
    default void close() {}
}
