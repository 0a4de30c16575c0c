package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** List, show and delete documents. */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "List, show or delete documents.",
        subcommands = {DocsCommand.ListDocs.class, DocsCommand.Show.class, DocsCommand.Delete.class})
public final class DocsCommand {

    /** A document that is not there is the operator's failure (1), not the server's (3). */
    abstract static class Base extends ServerCommand {
        @Override
        final int run(JikjiClient client, PrintWriter out) throws Exception {
            runOn(client, out);
            return 0;
        }

        @Override
        int exitCode(JikjiClient.ApiException e) {
            return e.status == 404 ? JikjiCli.EXIT_FAILURES : JikjiCli.EXIT_SERVER;
        }

        abstract void runOn(JikjiClient client, PrintWriter out) throws Exception;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List documents (id, chunks, title).")
    static final class ListDocs extends Base {
        @Option(names = "--prefix", defaultValue = "", description = "Only ids starting with this")
        String prefix;

        @Override
        void runOn(JikjiClient client, PrintWriter out) throws Exception {
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
        void runOn(JikjiClient client, PrintWriter out) throws Exception {
            out.println(client.document(id).toPrettyString());
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a document and its chunks.")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        void runOn(JikjiClient client, PrintWriter out) throws Exception {
            client.delete(id);
            out.println("deleted " + id);
        }
    }
}
