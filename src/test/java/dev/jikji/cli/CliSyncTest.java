package dev.jikji.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.ingest.TestDocuments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jikji CLI against the real server: sync, re-run, change, prune, dry run, failures and exit codes. */
@QuarkusTest
@Tag("quarkus")
class CliSyncTest {

    static CliRun jikji(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add("http://localhost:" + RestAssured.port);
        return CliRun.of(all.toArray(String[]::new));
    }

    static List<String> ids(String prefix) {
        return given().queryParam("prefix", prefix).queryParam("limit", 1000).get("/api/v1/documents")
                .then().statusCode(200).extract().jsonPath().getList("documents.id");
    }

    @Test
    void syncFollowsTheFolder(@TempDir Path tmp) throws Exception {
        Path wiki = Files.createDirectories(tmp.resolve("ops-wiki"));
        Files.writeString(wiki.resolve("deploy.md"), "# Deploy\n\nThe puffin cluster deploys on Wednesdays.\n");
        Files.createDirectories(wiki.resolve("hr"));
        Files.write(wiki.resolve("hr/leave.txt"), "연차는 매년 15일이다. 남은 연차는 3월까지 쓴다.\n".getBytes(Charset.forName("x-windows-949")));
        TestDocuments.pdf(wiki.resolve("manual.pdf"), List.of(List.of("Page one of the puffin manual."), List.of("Page two.")));
        Files.writeString(wiki.resolve("notes.bin"), "ignored: no supported extension");

        CliRun first = jikji("ingest", wiki.toString(), "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.json().get("created").asInt()).isEqualTo(3);
        assertThat(ids("ops-wiki/")).containsExactlyInAnyOrder("ops-wiki/deploy.md", "ops-wiki/hr/leave.txt", "ops-wiki/manual.pdf");

        CliRun again = jikji("ingest", wiki.toString(), "--json");
        assertThat(again.exit()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(3);
        assertThat(again.json().get("created").asInt() + again.json().get("updated").asInt()).isZero();

        Files.writeString(wiki.resolve("deploy.md"), "# Deploy\n\nThe puffin cluster deploys on Fridays now.\n");
        Files.delete(wiki.resolve("hr/leave.txt"));
        Files.writeString(wiki.resolve("oncall.md"), "# On-call\n\nThe rota changes on Mondays.\n");

        CliRun dry = jikji("ingest", wiki.toString(), "--prune", "--dry-run", "--json");
        assertThat(dry.exit()).isZero();
        assertThat(dry.json().get("updated").asInt()).isEqualTo(1);
        assertThat(dry.json().get("created").asInt()).isEqualTo(1);
        assertThat(dry.json().get("deleted").asInt()).isEqualTo(1);
        assertThat(ids("ops-wiki/")).as("a dry run changes nothing")
                .containsExactlyInAnyOrder("ops-wiki/deploy.md", "ops-wiki/hr/leave.txt", "ops-wiki/manual.pdf");

        CliRun sync = jikji("ingest", wiki.toString(), "--prune");
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("1 created, 1 updated, 1 unchanged, 1 deleted, 0 failed");
        assertThat(ids("ops-wiki/")).containsExactlyInAnyOrder("ops-wiki/deploy.md", "ops-wiki/oncall.md", "ops-wiki/manual.pdf");

        CliRun search = jikji("search", "puffin", "cluster", "deploys", "-k", "1");
        assertThat(search.exit()).isZero();
        assertThat(search.out()).contains("ops-wiki/deploy.md").contains("Fridays");
    }

    @Test
    void pruneStaysInsideItsPrefix(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("team-a"));
        Files.writeString(a.resolve("x.md"), "# X\n\nTeam A document about gannets.\n");
        Path b = Files.createDirectories(tmp.resolve("team-b"));
        Files.writeString(b.resolve("y.md"), "# Y\n\nTeam B document about gannets.\n");
        assertThat(jikji("ingest", a.toString()).exit()).isZero();
        assertThat(jikji("ingest", b.toString()).exit()).isZero();
        Files.delete(a.resolve("x.md"));
        Files.writeString(a.resolve("z.md"), "# Z\n\nAnother team A document.\n");
        assertThat(jikji("ingest", a.toString(), "--prune").exit()).isZero();
        assertThat(ids("team-a/")).containsExactly("team-a/z.md");
        assertThat(ids("team-b/")).containsExactly("team-b/y.md");
    }

    @Test
    void failuresAreListedAndTheExitCodeSaysSo(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.writeString(dir.resolve("good.md"), "# Good\n\nA readable document about terns.\n");
        Files.write(dir.resolve("broken.pdf"), "%PDF-1.4 not really".getBytes());
        Files.write(dir.resolve("binary.txt"), new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 7});
        CliRun r = jikji("ingest", dir.toString());
        assertThat(r.exit()).isEqualTo(JikjiCli.EXIT_FAILURES);
        assertThat(r.out()).contains("1 created").contains("2 failed")
                .contains("failed: " + dir.resolve("broken.pdf")).contains("failed: " + dir.resolve("binary.txt"));
        assertThat(ids("mixed/")).containsExactly("mixed/good.md");
    }

    @Test
    void includeAndExcludeGlobs(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("globs"));
        Files.writeString(dir.resolve("keep.md"), "# Keep\n\nKept.\n");
        Files.writeString(dir.resolve("draft.md"), "# Draft\n\nNot yet.\n");
        Files.writeString(dir.resolve("notes.txt"), "Plain notes.\n");
        CliRun r = jikji("ingest", dir.toString(), "--include", "*.md", "--exclude", "draft*", "--json");
        assertThat(r.exit()).isZero();
        assertThat(ids("globs/")).containsExactly("globs/keep.md");
    }

    @Test
    void unreachableServerIsExitThree(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.md"), "# A\n\ntext\n");
        CliRun r = CliRun.of("ingest", tmp.toString(), "--server", "http://127.0.0.1:9");
        int exit = r.exit();
        assertThat(exit).isEqualTo(JikjiCli.EXIT_SERVER);
        assertThat(r.err()).contains("Cannot reach the Jikji server");
    }

    @Test
    void docsCommands(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("docs-cmd"));
        Files.writeString(dir.resolve("a.md"), "# Alpha\n\nAlpha text.\n");
        assertThat(jikji("ingest", dir.toString()).exit()).isZero();
        CliRun list = jikji("docs", "list", "--prefix", "docs-cmd/");
        assertThat(list.out()).contains("docs-cmd/a.md").contains("Alpha");
        CliRun show = jikji("docs", "show", "docs-cmd/a.md");
        assertThat(show.json().get("metadata").get("sha256").asText()).hasSize(64);
        assertThat(jikji("docs", "delete", "docs-cmd/a.md").exit()).isZero();
        assertThat(jikji("docs", "show", "docs-cmd/a.md").exit()).isEqualTo(JikjiCli.EXIT_FAILURES);
    }
}
