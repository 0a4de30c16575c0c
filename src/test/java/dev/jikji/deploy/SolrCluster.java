package dev.jikji.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud (embedded ZooKeeper, {@code nodes} Solr nodes on loopback) in a JVM of its own, or in one JVM
 * per node ({@link #startSeparate}), started from
 * {@code src/test/solr-cluster/}: its class path (solr-test-framework 9.10.1 from Maven Central, Lucene 9) is
 * resolved by Maven from that folder's pom and never meets Jikji's Lucene 10.
 */
final class SolrCluster implements AutoCloseable {

    static final Path DIR = Manifests.ROOT.resolve("src/test/solr-cluster");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> urls;
    /** One process ({@link #start}), or ZooKeeper's followed by one per node ({@link #startSeparate}). */
    private final List<Process> processes;
    private final boolean separate;
    final Path log;

    private SolrCluster(List<String> urls, List<Process> processes, boolean separate, Path log) {
        this.urls = urls;
        this.processes = processes;
        this.separate = separate;
        this.log = log;
    }

    /** ZooKeeper and {@code nodes} Solr nodes in one JVM. */
    static SolrCluster start(Path work, int nodes) throws Exception {
        Files.createDirectories(work);
        Path classpath = work.resolve("solr-cluster.classpath");
        resolveClassPath(classpath, work.resolve("resolve.log"));
        Path log = work.resolve("solr.log");
        Process p = launch(classpath, work, "-Xmx512m", log, List.of(work.resolve("cluster").toString(), Integer.toString(nodes)));
        String urls = await(p, "SOLR_URLS=", log);
        return new SolrCluster(List.of(urls.split(",")), List.of(p), false, log);
    }

    /**
     * ZooKeeper in one JVM and each of the {@code nodes} Solr nodes in a JVM of its own, so that {@link #kill} can
     * take one node down the way a crash does while ZooKeeper and the others go on; returns once ZooKeeper lists
     * every node as live. {@link #urls} are in node order; node {@code i} logs to {@code solr-node<i>.log}.
     */
    static SolrCluster startSeparate(Path work, int nodes) throws Exception {
        Files.createDirectories(work);
        Path classpath = work.resolve("solr-cluster.classpath");
        resolveClassPath(classpath, work.resolve("resolve.log"));
        List<Process> started = new ArrayList<>();
        try {
            Path zkLog = work.resolve("solr-zk.log");
            Process zk = launch(classpath, work, "-Xmx128m", zkLog, List.of("zk", work.resolve("zk").toString()));
            started.add(zk);
            String zkHost = await(zk, "ZK_HOST=", zkLog);
            List<Process> nodeProcesses = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Path nodeLog = work.resolve("solr-node" + i + ".log");
                Process n = launch(classpath, work, "-Xmx384m", nodeLog, List.of("node", work.resolve("node" + i).toString(), zkHost));
                started.add(n);
                nodeProcesses.add(n);
            }
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < nodes; i++) urls.add(await(nodeProcesses.get(i), "SOLR_URL=", work.resolve("solr-node" + i + ".log")));
            SolrCluster cluster = new SolrCluster(List.copyOf(urls), List.copyOf(started), true, zkLog);
            cluster.awaitLiveNodes(nodes, Duration.ofSeconds(120));
            return cluster;
        } catch (Exception | Error e) {
            started.forEach(Process::destroyForcibly);
            throw e;
        }
    }

    private static Process launch(Path classpath, Path work, String heap, Path log, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, heap, "--enable-native-access=ALL-UNNAMED", "-Dhost=127.0.0.1",
                "-Dsolr.log.dir=" + work.resolve("logs"), "-cp", Files.readString(classpath).strip(),
                DIR.resolve("SolrClusterMain.java").toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    }

    /** The value of the launcher's {@code prefix} line on its standard output. */
    private static String await(Process p, String prefix, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith(prefix)) return line.substring(prefix.length());
        }
        p.destroyForcibly();
        throw new IllegalStateException("SolrCloud did not start; see " + log);
    }

    /** The node names ({@code host:port_solr}) ZooKeeper lists as live, asked of any node that answers. */
    List<String> liveNodes() {
        for (String url : urls) {
            try {
                JsonNode status = clusterStatus(url);
                List<String> out = new ArrayList<>();
                status.path("cluster").path("live_nodes").forEach(n -> out.add(n.asText()));
                return out;
            } catch (IOException | InterruptedException down) {
                // try the next node
            }
        }
        return List.of();
    }

    /** CLUSTERSTATUS as JSON from the node at {@code url}. */
    static JsonNode clusterStatus(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/admin/collections?action=CLUSTERSTATUS&wt=json"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("CLUSTERSTATUS: HTTP " + r.statusCode());
        return JSON.readTree(r.body());
    }

    /** The node name ZooKeeper knows node {@code i} by ({@code 127.0.0.1:<port>_solr}). */
    String nodeName(int i) {
        URI u = URI.create(urls.get(i));
        return u.getHost() + ":" + u.getPort() + "_" + u.getPath().replaceFirst("^/", "");
    }

    private void awaitLiveNodes(int nodes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (liveNodes().size() >= nodes) return;
            Thread.sleep(250);
        }
        throw new IllegalStateException("SolrCloud lists " + liveNodes() + " as live, not " + nodes + " nodes; see " + log);
    }

    /** SIGKILL to node {@code i}'s JVM ({@link #startSeparate} only): no shutdown, no ZooKeeper goodbye. */
    void kill(int i) throws InterruptedException {
        if (!separate) throw new IllegalStateException("the nodes share one JVM: start the cluster with startSeparate");
        Process node = processes.get(1 + i);
        node.destroyForcibly();
        if (!node.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("Solr node " + i + " did not die");
    }

    /** Offline first (the usual case once dependencies are in ~/.m2), then from Maven Central. */
    private static void resolveClassPath(Path classpath, Path log) throws Exception {
        String mvnw = Manifests.ROOT.resolve("mvnw").toString();
        for (boolean offline : new boolean[] {true, false}) {
            List<String> cmd = new ArrayList<>(List.of(mvnw, "-B", "-q", "-f", DIR.resolve("pom.xml").toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=" + classpath));
            if (offline) cmd.add("-o");
            Process p = new ProcessBuilder(cmd).directory(Manifests.ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) p.destroyForcibly();
            if (p.exitValue() == 0 && Files.isRegularFile(classpath)) return;
        }
        throw new IllegalStateException("Cannot resolve the SolrCloud class path; see " + log);
    }

    /** Nodes first, ZooKeeper last: each launcher shuts down what it started when its stdin closes. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<Process> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        for (Process p : reversed) {
            if (!p.isAlive()) continue;
            try {
                p.getOutputStream().close();
            } catch (IOException gone) {
                // it is exiting anyway
            }
        }
        for (Process p : reversed) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
