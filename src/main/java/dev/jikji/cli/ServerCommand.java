package dev.jikji.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every command that talks to the server shares: {@code --server} and {@code --api-key}, and the error
 * handling. A refusal prints the server's problem and exits {@link JikjiCli#EXIT_SERVER}, as does a server that
 * cannot be reached; a subclass only writes {@link #run} (and may name refusals its own way).
 */
abstract class ServerCommand implements Callable<Integer> {

    @CommandLine.Mixin
    JikjiCli.ServerOptions serverOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            int exit = run(serverOptions.client(), out);
            out.flush();
            return exit;
        } catch (JikjiClient.ApiException e) {
            out.flush();
            err().println(refusal(e));
            return exitCode(e);
        } catch (ConnectException e) {
            out.flush();
            err().println("Cannot reach the Jikji server at " + serverOptions.server + ": is it running? ("
                    + e.getClass().getSimpleName() + ")");
            return JikjiCli.EXIT_SERVER;
        }
    }

    /** The command's work; returns its exit status. */
    abstract int run(JikjiClient client, PrintWriter out) throws Exception;

    /** How a refusal is told on stderr. */
    String refusal(JikjiClient.ApiException e) {
        return e.getMessage();
    }

    /** The exit status of a refusal: the server's fault or a refused request as a whole. */
    int exitCode(JikjiClient.ApiException e) {
        return JikjiCli.EXIT_SERVER;
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
