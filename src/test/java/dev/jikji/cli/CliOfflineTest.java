package dev.jikji.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline ingest writes the index on disk directly, and says so clearly when the index is taken. */
class CliOfflineTest {

    static CliRun jikji(String... args) {
        return CliRun.of(args);
    }

    @Test
    void offlineSyncWritesTheIndexAndIsIdempotent(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("handbook"));
        Files.writeString(docs.resolve("leave.md"), "# Leave\n\nAnnual leave is 25 days; unused days expire in March.\n");
        Files.writeString(docs.resolve("travel.md"), "# Travel\n\nTrains are preferred for trips under four hours.\n");
        Path data = tmp.resolve("data");

        CliRun first = jikji("ingest", docs.toString(), "--offline", "--data", data.toString(), "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode summary = first.json();
        assertThat(summary.get("created").asInt()).isEqualTo(2);
        assertThat(Files.exists(data.resolve("index"))).isTrue();

        Files.delete(docs.resolve("travel.md"));
        CliRun second = jikji("ingest", docs.toString(), "--offline", "--data", data.toString(), "--prune", "--json");
        JsonNode s2 = second.json();
        assertThat(s2.get("unchanged").asInt()).isEqualTo(1);
        assertThat(s2.get("deleted").asInt()).isEqualTo(1);

        try (LocalSyncTarget index = new LocalSyncTarget(data)) {
            assertThat(index.hashes("handbook/")).containsOnlyKeys("handbook/leave.md");
        }
    }

    @Test
    void aLockedIndexIsAClearError(@TempDir Path tmp) throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(docs.resolve("a.md"), "# A\n\nSome text.\n");
        Path data = tmp.resolve("data");
        try (LocalSyncTarget server = new LocalSyncTarget(data)) { // holds the write lock, as a running server does
            CliRun r = jikji("ingest", docs.toString(), "--offline", "--data", data.toString());
            assertThat(r.exit()).isEqualTo(JikjiCli.EXIT_SERVER);
            assertThat(r.err()).contains("locked by another process");
        }
    }
}
