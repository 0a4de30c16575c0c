package dev.jikji.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud (embedded ZooKeeper, {@code nodes} Solr nodes on loopback) in a JVM of its own, started from
 * {@code src/test/solr-cluster/}: its class path (solr-test-framework 9.10.1 from Maven Central, Lucene 9) is
 * resolved by Maven from that folder's pom and never meets Jikji's Lucene 10.
 */
final class SolrCluster implements AutoCloseable {

    static final Path DIR = Manifests.ROOT.resolve("src/test/solr-cluster");

    final List<String> urls;
    private final Process process;
    final Path log;

    private SolrCluster(List<String> urls, Process process, Path log) {
        this.urls = urls;
        this.process = process;
        this.log = log;
    }

    static SolrCluster start(Path work, int nodes) throws Exception {
        Files.createDirectories(work);
        Path classpath = work.resolve("solr-cluster.classpath");
        resolveClassPath(classpath, work.resolve("resolve.log"));
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = work.resolve("solr.log");
        List<String> cmd = List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-Dhost=127.0.0.1",
                "-Dsolr.log.dir=" + work.resolve("logs"), "-cp", Files.readString(classpath).strip(),
                DIR.resolve("SolrClusterMain.java").toString(), work.resolve("cluster").toString(), Integer.toString(nodes));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("SOLR_URLS=")) {
                return new SolrCluster(List.of(line.substring("SOLR_URLS=".length()).split(",")), p, log);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("SolrCloud did not start; see " + log);
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

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close(); // the launcher shuts the cluster down when its stdin closes
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
