package dev.jikji.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jikji.ingest.ContentTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Syncs folders into Jikji: sends files that are new or changed (by SHA-256 of their bytes, kept in
 * the document's metadata), and with {@code --prune} deletes documents whose files are gone. Document
 * ids are {@code PREFIX/relative/path}, PREFIX defaulting to the folder's name, so a re-run is a
 * no-op and pruning never reaches outside the synced prefix.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Send new and changed files of folders to Jikji; --prune deletes documents of files that are gone.")
public final class IngestCommand extends ServerCommand {

    static final String SHA_KEY = "sha256";
    static final String PREFIX_KEY = "syncPrefix";

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders (or single files) to sync")
    List<Path> paths;

    @Option(names = "--include", description = "Glob of files to take, relative to PATH (repeatable), e.g. '**/*.md'")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", description = "Glob of files to skip (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--prefix", description = "Document id prefix (default: the folder's name)")
    String prefix;

    @Option(names = "--acl", split = ",", description = "ACL groups of every document sent (e.g. staff,ops); '' makes them"
            + " public. Without --acl or a matching --acl-for a document keeps the ACL it has on the server")
    List<String> acl;

    @Option(names = "--acl-for", description = "GLOB=GROUPS: ACL of the files under a folder, e.g. 'hr/**=hr,exec'"
            + " (repeatable; the first matching GLOB, relative to PATH, wins over --acl; GROUPS may be empty: public)")
    List<String> aclFor = new ArrayList<>();

    @Option(names = "--prune", description = "Delete documents under the prefix whose files are gone")
    boolean prune;

    @Option(names = "--dry-run", description = "Say what would change; change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON summary instead of text")
    boolean json;

    @Option(names = "--offline", description = "Write the index on disk directly (the server must be stopped)")
    boolean offline;

    @Option(names = "--data", description = "With --offline: the data folder (default: jikji.data.dir, i.e. data)")
    Path dataDir;

    /** One line of the outcome: a file sent, skipped, failed, or a document deleted. */
    record Outcome(String id, String file, String status, Integer chunks, String reason) {}

    @Override
    String refusal(JikjiClient.ApiException e) {
        return "The server refused the sync: " + e.getMessage();
    }

    @Override
    int run(JikjiClient client, PrintWriter out) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        long t0 = System.nanoTime();
        SyncTarget target;
        try {
            target = offline ? new LocalSyncTarget(dataDir) : new HttpSyncTarget(client);
        } catch (IllegalStateException e) {
            err().println("Cannot open the index for offline ingest: " + e.getMessage());
            return JikjiCli.EXIT_SERVER;
        }
        try (target) {
            for (Path root : paths) {
                syncRoot(target, root.toAbsolutePath().normalize(), outcomes, out);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("created", "updated", "unchanged", "deleted", "failed")) {
            counts.put(s, outcomes.stream().filter(o -> o.status().equals(s) || o.status().equals("would-" + s)).count());
        }
        long failed = counts.get("failed");
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("dryRun", dryRun);
            summary.putAll(counts);
            summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
            summary.put("results", outcomes);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        } else {
            long files = outcomes.stream().filter(o -> o.file() != null).count();
            out.printf("%s%d file(s) in %.1f s (%.1f files/s): %d created, %d updated, %d unchanged, %d deleted, %d failed%n",
                    dryRun ? "[dry run] " : "", files, seconds, files / Math.max(seconds, 1e-3), counts.get("created"),
                    counts.get("updated"), counts.get("unchanged"), counts.get("deleted"), failed);
            outcomes.stream().filter(o -> o.status().equals("failed"))
                    .forEach(o -> out.println("  failed: " + o.file() + ": " + o.reason()));
        }
        return failed > 0 ? JikjiCli.EXIT_FAILURES : 0;
    }

    private void syncRoot(SyncTarget target, Path root, List<Outcome> outcomes, PrintWriter out) throws Exception {
        Path base = Files.isDirectory(root) ? root : root.getParent();
        String idPrefix = (prefix != null ? prefix : base.getFileName().toString()) + "/";
        List<Path> files = scan(root, base);
        Map<String, String> remote = target.hashes(idPrefix);
        Progress progress = new Progress(out, files.size(), !json && System.console() != null, json);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path file : files) {
            String rel = base.relativize(file).toString().replace('\\', '/');
            String id = idPrefix + rel;
            seen.add(id);
            Outcome o = syncFile(target, file, rel, id, idPrefix, remote.get(id));
            outcomes.add(o);
            progress.step(o);
        }
        if (prune) {
            for (String id : remote.keySet()) {
                if (seen.contains(id)) continue;
                Outcome o;
                if (dryRun) {
                    o = new Outcome(id, null, "would-deleted", null, null);
                } else {
                    target.delete(id);
                    o = new Outcome(id, null, "deleted", null, null);
                }
                outcomes.add(o);
                progress.step(o);
            }
        }
        progress.done();
    }

    private Outcome syncFile(SyncTarget target, Path file, String rel, String id, String idPrefix, String remoteSha)
            throws Exception {
        List<String> groups = aclOf(rel);
        // the ACL is part of what was synced: changing --acl re-sends the files it covers
        String sha = sha256(file) + (groups == null ? "" : ";acl=" + String.join(",", groups));
        if (sha.equals(remoteSha)) return new Outcome(id, file.toString(), "unchanged", null, null);
        if (dryRun) return new Outcome(id, file.toString(), remoteSha == null ? "would-created" : "would-updated", null, null);
        SyncTarget.Sent sent = target.send(file, id, Map.of(SHA_KEY, sha, PREFIX_KEY, idPrefix), groups);
        return new Outcome(id, file.toString(), sent.status(), sent.chunks(), sent.reason());
    }

    /** The groups for a file at {@code rel} (relative to the synced folder): first matching --acl-for, else --acl, else null. */
    List<String> aclOf(String rel) {
        for (String rule : aclFor) {
            int eq = rule.lastIndexOf('=');
            if (eq <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--acl-for needs GLOB=GROUPS, got '" + rule + "'");
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rule.substring(0, eq));
            if (m.matches(Path.of(rel))) return groups(rule.substring(eq + 1));
        }
        return acl == null ? null : acl.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    private static List<String> groups(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    private List<Path> scan(Path root, Path base) throws IOException {
        List<PathMatcher> in = includes.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<PathMatcher> ex = excludes.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> {
                        Path rel = base.relativize(p);
                        boolean included = in.isEmpty() ? ContentTypes.fromFileName(p.toString()).isPresent()
                                : in.stream().anyMatch(m -> m.matches(rel));
                        return included && ex.stream().noneMatch(m -> m.matches(rel));
                    })
                    .sorted()
                    .toList();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A progress bar with counts, rate and ETA on a terminal; one plain line per file otherwise. */
    static final class Progress {
        private final PrintWriter out;
        private final int total;
        private final boolean bar;
        private final boolean quiet;
        private final long t0 = System.nanoTime();
        private int done;

        Progress(PrintWriter out, int total, boolean bar, boolean quiet) {
            this.out = out;
            this.total = total;
            this.bar = bar;
            this.quiet = quiet;
        }

        void step(Outcome o) {
            if (o.file() != null) done++;
            if (quiet) return;
            if (!bar) {
                out.printf("%-14s %s%s%n", o.status(), o.id(), o.chunks() != null ? " (" + o.chunks() + " chunks)"
                        : o.reason() != null ? ": " + o.reason() : "");
                out.flush();
                return;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = done / Math.max(seconds, 1e-3);
            long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
            int width = 30;
            int filled = total == 0 ? width : done * width / total;
            out.printf("\r[%s%s] %d/%d  %.1f files/s  ETA %ds  ", "#".repeat(filled), " ".repeat(width - filled), done,
                    total, rate, eta);
            out.flush();
        }

        void done() {
            if (bar && !quiet) out.println();
        }
    }
}
