import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real SolrCloud for the integration tests, in JVMs of its own (Solr 9 = Lucene 9, kept off Jikji's class path),
 * from solr-test-framework on loopback. Run as a source file: {@code java -cp "$(cat solr-cluster.classpath)"
 * SolrClusterMain.java ...}, in one of three ways:
 *
 * <ul>
 *   <li>{@code <dir> <nodes>}: an embedded ZooKeeper and {@code nodes} Solr nodes in this one JVM
 *       (MiniSolrCloudCluster); prints {@code SOLR_URLS=<url>,<url>} once the nodes are up.
 *   <li>{@code zk <dir>}: the embedded ZooKeeper alone (MiniSolrCloudCluster of no nodes, which also puts the test
 *       framework's solr.xml in ZooKeeper); prints {@code ZK_HOST=<host:port/chroot>}.
 *   <li>{@code node <dir> <zkHost>}: one Solr node (JettySolrRunner, as MiniSolrCloudCluster starts its own) joining
 *       that ZooKeeper; prints {@code SOLR_URL=<url>}. A node per process, so that one can be {@code kill -9}ed
 *       while the others and ZooKeeper go on.
 * </ul>
 *
 * Each runs until its standard input closes (so the cluster goes with the test that started it, however that test
 * ends), then shuts down what it started.
 */
public class SolrClusterMain {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "zk" -> zooKeeper(Path.of(args[1]));
            case "node" -> node(Path.of(args[1]), args[2]);
            default -> cluster(Path.of(args[0]), Integer.parseInt(args[1]));
        }
        System.exit(0);
    }

    private static void cluster(Path dir, int nodes) throws Exception {
        Files.createDirectories(dir);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(nodes, dir, JettyConfig.builder().build());
        String urls = cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString())
                .collect(Collectors.joining(","));
        announce("SOLR_URLS=" + urls);
        awaitStdinClosed();
        cluster.shutdown();
    }

    private static void zooKeeper(Path dir) throws Exception {
        Files.createDirectories(dir);
        MiniSolrCloudCluster zk = new MiniSolrCloudCluster(0, dir, JettyConfig.builder().build());
        announce("ZK_HOST=" + zk.getZkServer().getZkAddress());
        awaitStdinClosed();
        zk.shutdown();
    }

    private static void node(Path dir, String zkHost) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("solr.xml"), MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML);
        Properties props = new Properties();
        props.setProperty("zkHost", zkHost);
        JettySolrRunner jetty = new JettySolrRunner(dir.toString(), props, JettyConfig.builder().build());
        jetty.start();
        announce("SOLR_URL=" + jetty.getBaseUrl());
        awaitStdinClosed();
        jetty.stop();
    }

    private static void announce(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void awaitStdinClosed() throws Exception {
        while (System.in.read() >= 0) {
            // until the parent closes our stdin
        }
    }
}
