package dev.jikji.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.solr.SolrConfigset;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jikji solr} without a cluster: the configset it renders is the one the server would upload (same
 * versioned name, same files), it follows the configuration, and an unreachable cluster is a clear exit 3.
 * SolrCloudIT runs the cluster commands against a real SolrCloud.
 */
class SolrCommandTest {

    @Test
    void theConfigsetIsRenderedOfflineWithTheServersVersionedName(@TempDir Path tmp) throws Exception {
        String noModel = "jikji.embedding.model-dir=" + tmp.resolve("no-model");
        CliRun r = CliRun.of("solr", "configset", "--out", tmp.resolve("conf").toString(), "-p", noModel);
        assertThat(r.exit()).as(r.err()).isZero();
        // the shipped defaults (Nori discard, VCP,VCN,NNB; the embedded 384-dimension model; HNSW 16 / 100)
        String expected = new SolrConfigset(JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB")), 384, 16, 100).name();
        assertThat(r.out().strip()).isEqualTo(expected);
        assertThat(Files.readString(tmp.resolve("conf/schema.xml"))).contains("vectorDimension=\"384\"", "decompoundMode=\"discard\"");
        assertThat(tmp.resolve("conf/solrconfig.xml")).isRegularFile();
        assertThat(tmp.resolve("conf/userdict_ko.txt")).isRegularFile();

        CliRun mixed = CliRun.of("solr", "configset", "--out", tmp.resolve("mixed").toString(), "-p", noModel,
                "-p", "jikji.search.nori-decompound-mode=mixed", "-p", "jikji.index.hnsw-m=32");
        assertThat(mixed.exit()).as(mixed.err()).isZero();
        assertThat(mixed.out().strip()).matches("jikji-[0-9a-f]{12}").isNotEqualTo(expected);
        assertThat(Files.readString(tmp.resolve("mixed/schema.xml"))).contains("decompoundMode=\"mixed\"", "hnswMaxConnections=\"32\"");
    }

    @Test
    void anUnreachableClusterIsExitThreeWithoutItsAddress(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of("solr", "status", "--urls", "http://127.0.0.1:" + port + "/solr",
                "-p", "jikji.embedding.model-dir=" + tmp.resolve("no-model"), "-p", "jikji.index.solr.timeout=3s");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(JikjiCli.EXIT_SERVER);
        assertThat(r.err()).contains("SolrCloud");
    }
}
