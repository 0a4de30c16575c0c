package dev.jikji.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.IndexMismatchException;
import dev.jikji.index.solr.SolrClaims;
import dev.jikji.index.solr.SolrCollection;
import dev.jikji.index.solr.SolrConfigset;
import dev.jikji.index.solr.SolrIndex;
import dev.jikji.index.solr.SolrSetup;
import dev.jikji.onnx.OnnxSessionFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The SolrCloud side ahead of the first start (e.g. from a Kubernetes Job): render the configset, upload it,
 * create the collection (behind its alias) and the claims collection, or say whether what is there fits this
 * configuration. Reads the server's configuration (application.properties, environment, -D) and renders and
 * checks through the same code as the server's start ({@link SolrSetup}, {@link SolrCollection}), so a
 * collection this makes is one the server accepts, and a mismatch is refused with the same differences.
 */
@Command(name = "solr", mixinStandardHelpOptions = true,
        description = "Prepare or inspect the SolrCloud collection of jikji.index.kind=solrcloud.",
        subcommands = {SolrCommand.Configset.class, SolrCommand.UploadConfigset.class, SolrCommand.CreateCollection.class,
                SolrCommand.Status.class})
public final class SolrCommand {

    /** Exit status when the collection was built for another configuration. */
    public static final int EXIT_MISMATCH = 4;

    /** Where the cluster is and what the collection is called; each beats the configuration's value. */
    static final class Target {
        @Option(names = "--urls", split = ",", description = "Solr node URLs (default: jikji.index.solr.urls)")
        List<String> urls;

        @Option(names = "--collection", description = "The collection (alias) name (default: jikji.index.solr.collection)")
        String collection;

        @Option(names = "--shards", description = "Shards of a collection created (default: jikji.index.solr.shards)")
        Integer shards;

        @Option(names = "--replicas", description = "Replicas per shard (default: jikji.index.solr.replicas)")
        Integer replicas;

        @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
                description = "A configuration property, as -D gives it to the server (e.g. jikji.embedding.model-dir=...)")
        Map<String, String> properties;

        JikjiConfig config() {
            Map<String, String> overrides = new HashMap<>();
            if (properties != null) overrides.putAll(properties);
            if (urls != null) overrides.put("jikji.index.solr.urls", String.join(",", urls));
            if (collection != null) overrides.put("jikji.index.solr.collection", collection);
            if (shards != null) overrides.put("jikji.index.solr.shards", shards.toString());
            if (replicas != null) overrides.put("jikji.index.solr.replicas", replicas.toString());
            return StandaloneConfig.load(Map.of(), overrides);
        }

        /** The setup the server would build: the embedding model is loaded for its dimension and fingerprint. */
        SolrSetup setup() {
            JikjiConfig config = config();
            EmbeddingModels embeddings = new EmbeddingModels(config, new ObjectMapper().findAndRegisterModules(),
                    OnnxSessionFactory.of(config));
            try {
                return SolrSetup.of(config, embeddings);
            } finally {
                embeddings.close();
            }
        }
    }

    private interface ClusterWork {
        int run(SolrSetup setup, SolrClient client, PrintWriter out) throws SolrServerException, IOException;
    }

    /** Runs {@code work} against the cluster; unreachable is {@link JikjiCli#EXIT_SERVER}, a mismatch {@link #EXIT_MISMATCH}. */
    static int onCluster(CommandLine.Model.CommandSpec spec, Target target, ClusterWork work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SolrSetup setup;
            try {
                setup = target.setup();
            } catch (IllegalStateException | IllegalArgumentException e) {
                err.println(e.getMessage()); // a configuration that cannot work: no urls, no model
                return 2;
            }
            try (SolrClient client = setup.client()) {
                return work.run(setup, client, out);
            } catch (IndexMismatchException e) {
                err.println(e.getMessage());
                return EXIT_MISMATCH;
            } catch (SolrServerException | IOException | RuntimeException e) {
                // SolrJ says "no live node" with a plain RuntimeException; its message names the URLs, so not printed
                err.println("SolrCloud: " + SolrIndex.reason(e));
                return JikjiCli.EXIT_SERVER;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Command(name = "configset", mixinStandardHelpOptions = true,
            description = "Render the configset offline: print its versioned name, and write its files with --out.")
    static final class Configset implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--out", description = "Folder to write schema.xml, solrconfig.xml and the word lists into")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter print = spec.commandLine().getOut();
            // offline: no cluster needed, so no urls either
            if (target.urls == null) target.urls = List.of("http://offline");
            SolrConfigset configset = target.setup().configset();
            if (out != null) {
                Files.createDirectories(out);
                for (var f : new TreeMap<>(configset.files()).entrySet()) {
                    Files.writeString(out.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
            }
            print.println(configset.name());
            print.flush();
            return 0;
        }
    }

    @Command(name = "upload-configset", mixinStandardHelpOptions = true,
            description = "Upload the rendered configset (named by its version) unless the cluster has it.")
    static final class UploadConfigset implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return onCluster(spec, target, (setup, client, out) -> {
                boolean uploaded = SolrCollection.uploadConfigset(client, setup.configset());
                out.println((uploaded ? "uploaded configset " : "configset already there: ") + setup.configset().name());
                return 0;
            });
        }
    }

    @Command(name = "create-collection", mixinStandardHelpOptions = true,
            description = "Create the collection (<name>_1 behind the alias <name>) and <name>_claims, as the first start"
                    + " would; refuse (exit 4) when the existing one was built for another configuration.")
    static final class CreateCollection implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return onCluster(spec, target, (setup, client, out) -> {
                JikjiConfig.Index.Solr solr = setup.settings();
                // never a rebuild here: that needs the ingest pipeline, which the server runs
                SolrCollection.Placement p = SolrCollection.prepare(client, setup.collection(), setup.configset(),
                        solr.shards(), solr.replicas(), setup.modelRecord(), JikjiConfig.Index.ModelMismatch.REFUSE);
                SolrClaims.prepare(client, SolrClaims.collectionFor(setup.collection()), solr.replicas(), SolrClaims.PURGE_EVERY);
                out.println("collection " + setup.collection() + " -> " + p.serving() + " (configset "
                        + setup.configset().name() + "), claims " + SolrClaims.collectionFor(setup.collection()) + ": ready");
                return 0;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say what the collection name points at and whether it fits this configuration (exit 4 if not).")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return onCluster(spec, target, (setup, client, out) -> {
                SolrCollection.State s = SolrCollection.state(client, setup.collection(), setup.configset(), setup.modelRecord());
                out.println("collection:  " + setup.collection() + (s.current().isEmpty() ? " (none yet)"
                        : (s.alias() ? " -> " : " = ") + s.current().get()));
                out.println("configset:   " + s.configset().orElse("-") + " (this configuration: " + setup.configset().name() + ")");
                out.println("versions:    " + (s.versions().isEmpty() ? "-" : String.join(", ", s.versions())));
                if (s.current().isEmpty()) {
                    out.println("state:       missing (jikji solr create-collection, or the server's first start, makes it)");
                    return 0;
                }
                if (s.mismatches().isEmpty()) {
                    out.println("state:       fits this configuration");
                    return 0;
                }
                out.println("state:       built for another configuration: " + String.join("; ", s.mismatches()));
                out.println("             (the server refuses it; jikji.index.on-model-mismatch=reindex rebuilds it)");
                return EXIT_MISMATCH;
            });
        }
    }
}
