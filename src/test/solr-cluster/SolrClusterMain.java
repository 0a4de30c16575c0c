import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;

/**
 * A real SolrCloud for SolrCloudIT, in a JVM of its own (Solr 9 = Lucene 9, kept off Jikji's class path): an
 * embedded ZooKeeper and {@code nodes} Solr nodes on loopback, from solr-test-framework's MiniSolrCloudCluster.
 * Prints {@code SOLR_URLS=<url>,<url>} once the nodes are up, then runs until its standard input closes (so the
 * cluster goes with the test that started it, however that test ends).
 *
 * <p>Run as a source file: {@code java -cp "$(cat solr-cluster.classpath)" SolrClusterMain.java <dir> <nodes>}.
 */
public class SolrClusterMain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(nodes, dir, JettyConfig.builder().build());
        String urls = cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString())
                .collect(Collectors.joining(","));
        System.out.println("SOLR_URLS=" + urls);
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes our stdin
        }
        cluster.shutdown();
        System.exit(0);
    }
}
