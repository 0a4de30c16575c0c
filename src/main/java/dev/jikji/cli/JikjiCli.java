package dev.jikji.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jikji} command line for operators: sync folders into the index, search, ask, evaluate, and manage
 * documents, against a running Jikji server. Run as {@code bin/jikji}.
 */
@Command(name = "jikji", mixinStandardHelpOptions = true, version = "jikji 0.1.0",
        description = "Operate a Jikji server from a shell, cron or a Kubernetes Job.",
        subcommands = {IngestCommand.class, SearchCommand.class, AnalyzeCommand.class, AskCommand.class, DocsCommand.class, EvalCommand.class, KeyHashCommand.class,
                SolrCommand.class})
public final class JikjiCli {

    /** Exit status when the server cannot be reached or refuses the request as a whole. */
    public static final int EXIT_SERVER = 3;
    /** Exit status when some files or documents failed. */
    public static final int EXIT_FAILURES = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JikjiCli()).execute(args));
    }

    /** Options every command that talks to the server takes. */
    static final class ServerOptions {
        @CommandLine.Option(names = "--server", defaultValue = "${env:JIKJI_SERVER:-http://localhost:8080}",
                description = "Jikji server URL (env JIKJI_SERVER; default ${DEFAULT-VALUE})")
        String server;

        @CommandLine.Option(names = "--api-key", defaultValue = "${env:JIKJI_API_KEY}",
                description = "API key, sent as Authorization: Bearer and X-API-Key (env JIKJI_API_KEY); never printed")
        String apiKey;

        JikjiClient client() {
            return new JikjiClient(server, apiKey);
        }
    }
}
