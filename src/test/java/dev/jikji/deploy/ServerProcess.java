package dev.jikji.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) as a separate process on loopback
 * ports (the API's and the management interface's, which serves health and metrics), started with the JVM
 * running the tests; its output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Manifests.ROOT.resolve("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final int port;
    final int managementPort;
    final Path log;
    private final Process process;

    private ServerProcess(int port, int managementPort, Path log, Process process) {
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** POSTs {@code body} to the API port (60 s time-out), for the ITs that drive a packaged server. */
    HttpResponse<String> post(String path, String contentType, String body) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** GETs a JSON body from the API port; anything but 200 fails the test with the answer. */
    JsonNode getJson(String path) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build());
        if (r.statusCode() != 200) throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** {@code /q/health/*} and {@code /q/metrics} live here, not on {@link #uri}. */
    URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts the server on {@code dataDir} and waits until /q/health/ready answers 200. */
    static ServerProcess start(Path dataDir, Path log, List<String> extraProperties) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run after `package` (bin/test runs this in the integration-test phase)");
        }
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int port = freePort();
        int managementPort = freePort();
        Path noModels = dataDir.resolveSibling(dataDir.getFileName() + "-no-models");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-Djikji.data.dir=" + dataDir.toAbsolutePath(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Djikji.ingest.seed-when-empty=false",
                // the packaged server's warm-up runs (on an index that holds documents), kept short for the suite
                "-Djikji.search.warm-up=1s",
                // the embedded models, whatever a developer installed in onnx-models/
                "-Djikji.embedding.model-dir=" + noModels.resolve("embedding"),
                "-Djikji.rerank.model-dir=" + noModels.resolve("reranker"),
                "-Djikji.generator.model-dir=" + noModels.resolve("generator"),
                "-Djikji.generator.kind=extractive",
                "-Djikji.onnx.device=cpu"));
        cmd.addAll(extraProperties);
        cmd.addAll(List.of("-jar", JAR.toString()));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).directory(Manifests.ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServerProcess server = new ServerProcess(port, managementPort, log, p);
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was ready; log:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(managementUri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within " + timeout + "; log:\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no index close, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the server did not die");
    }

    /** SIGTERM, the way Kubernetes stops a pod; waits for a clean exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
