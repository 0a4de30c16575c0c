package dev.jikji.auth;

import dev.jikji.cli.JikjiCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;

/**
 * The keys of the auth tests. reader, writer and loader are inline ({@code jikji.auth.keys}); hr-reader comes from
 * the {@code jikji key-hash} subcommand, its line put in a keys file ({@code jikji.auth.keys-file}), as an operator would.
 */
public final class AuthTestKeys {

    public static final String READER = "reader-key-0001";
    public static final String WRITER = "writer-key-0002";
    static final String LOADER = "loader-key-0003";
    static final String ADMIN = "admin-key-0004";
    static final String HR_WRITER = "hr-writer-key-0005";

    static final Path DIR = Path.of("target", "test-auth");
    static final Path KEYS_FILE = DIR.resolve("keys");
    static final Path HR_KEY_FILE = DIR.resolve("hr-reader.key");

    private AuthTestKeys() {}

    public static String inline() {
        return ApiKey.line("reader", READER, Set.of(Role.READ), Set.of("staff")) + ";"
                + ApiKey.line("writer", WRITER, Set.of(Role.READ, Role.WRITE), Set.of("staff")) + ";"
                + ApiKey.line("loader", LOADER, Set.of(Role.WRITE), Set.of()) + ";"
                + ApiKey.line("admin", ADMIN, Set.of(Role.READ, Role.WRITE), Set.of(ApiKey.ALL_GROUPS)) + ";"
                + ApiKey.line("hr-writer", HR_WRITER, Set.of(Role.READ, Role.WRITE), Set.of("hr"));
    }

    /**
     * Runs {@code jikji key-hash hr-reader --groups hr --line-only} once and writes its line as the keys file; the key
     * (on stderr) is kept beside it for the tests. Reused when present, so every class loader sees the same key.
     */
    static synchronized Path keysFile() {
        try {
            if (Files.exists(KEYS_FILE) && Files.exists(HR_KEY_FILE)) return KEYS_FILE.toAbsolutePath();
            Files.createDirectories(DIR);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new JikjiCli());
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int status = cli.execute("key-hash", "hr-reader", "--roles", "read", "--groups", "hr", "--line-only");
            if (status != 0) throw new IllegalStateException("key-hash failed: " + err);
            Files.writeString(HR_KEY_FILE, err.toString().strip());
            Files.writeString(KEYS_FILE, "# written by the key-hash subcommand\n" + out.toString().strip() + "\n");
            return KEYS_FILE.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hrKey() {
        try {
            return Files.readString(HR_KEY_FILE).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
