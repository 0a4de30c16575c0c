package dev.jikji.cli;

import dev.jikji.auth.ApiKey;
import dev.jikji.auth.Role;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Makes a new API key: prints the key (give it to the client, once) and the line for
 * {@code jikji.auth.keys-file} / {@code jikji.auth.keys}, which holds only its SHA-256.
 */
@Command(name = "key-hash", mixinStandardHelpOptions = true,
        description = "Create a random API key and print it with its configuration line (name:sha256:roles:groups).")
public final class KeyHashCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    @Parameters(index = "0", paramLabel = "NAME", description = "The key's name (shown in logs and errors)")
    String name;

    @Option(names = "--roles", split = ",", defaultValue = "read", description = "read, write or read,write (default ${DEFAULT-VALUE})")
    List<String> roles;

    @Option(names = "--groups", split = ",", description = "Groups whose documents the key may see, e.g. staff,ops; * sees every document")
    List<String> groups;

    @Option(names = "--line-only", description = "Print only the configuration line (the key goes to stderr)")
    boolean lineOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!NAME.matcher(name).matches()) {
            err.println("the name must be 1-100 of A-Z a-z 0-9 . _ @ -");
            return 2;
        }
        Set<Role> r = new LinkedHashSet<>();
        try {
            for (String s : roles) r.add(Role.parse(s));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Set<String> g = new LinkedHashSet<>();
        if (groups != null) {
            for (String s : groups) {
                if (s.contains(":") || s.contains(";")) {
                    err.println("a group may not contain ':' or ';'");
                    return 2;
                }
                if (!s.isBlank()) g.add(s.strip());
            }
        }
        String key = ApiKey.newKey();
        String line = ApiKey.line(name, key, r, g);
        if (lineOnly) {
            err.println(key);
            out.println(line);
        } else {
            out.println("key:  " + key);
            out.println("line: " + line);
            out.println("Give the key to its client once; put the line in jikji.auth.keys-file (or jikji.auth.keys).");
        }
        out.flush();
        err.flush();
        return 0;
    }
}
