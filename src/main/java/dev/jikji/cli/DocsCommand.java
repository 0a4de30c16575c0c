package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** List, show and delete documents. */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "List, show or delete documents.",
        subcommands = {DocsCommand.ListDocs.class, DocsCommand.Show.class, DocsCommand.Delete.class})
public final class DocsCommand {

    abstract static class Base implements Callable<Integer> {
        @CommandLine.Mixin
        JikjiCli.ServerOptions serverOptions;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try {
                run(serverOptions.client(), spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (JikjiClient.ApiException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return e.status == 404 ? JikjiCli.EXIT_FAILURES : JikjiCli.EXIT_SERVER;
            }
        }

        abstract void run(JikjiClient client, PrintWriter out) throws Exception;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List documents (id, chunks, title).")
    static final class ListDocs extends Base {
        @Option(names = "--prefix", defaultValue = "", description = "Only ids starting with this")
        String prefix;

        @Override
        void run(JikjiClient client, PrintWriter out) throws Exception {
            for (JsonNode d : client.listDocuments(prefix)) {
                out.printf("%-50s %4d chunks  %s%n", d.get("id").asText(), d.get("chunks").asInt(), d.path("title").asText(""));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one document's record as JSON.")
    static final class Show extends Base {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        void run(JikjiClient client, PrintWriter out) throws Exception {
            out.println(client.document(id).toPrettyString());
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a document and its chunks.")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        void run(JikjiClient client, PrintWriter out) throws Exception {
            client.delete(id);
            out.println("deleted " + id);
        }
    }
}
