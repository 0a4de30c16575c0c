package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as operators get it: health and metrics answer on the management port only, readiness
 * says status, phase and models but no counts or paths, the API port serves neither (nor the HTTP and JVM
 * meters), and with jikji.log.json=true every console line from the first one of boot is a JSON object.
 */
class ManagementPortIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetricsOnTheManagementPortOnlyAndJsonLogsFromBoot() throws Exception {
        Path work = Manifests.ROOT.resolve("target/management-it/" + ProcessHandle.current().pid());
        Path log = work.resolve("server.log");
        try (ServerProcess server = ServerProcess.start(work.resolve("data"), log, List.of("-Djikji.log.json=true"))) {
            assertThat(get(server.uri("/api/v1/documents")).statusCode()).as("the API answers on its port").isEqualTo(200);
            for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics")) {
                assertThat(get(server.uri(path)).statusCode()).as(path + " on the API port").isEqualTo(404);
            }

            HttpResponse<String> ready = get(server.managementUri("/q/health/ready"));
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode checks = JSON.readTree(ready.body()).path("checks");
            assertThat(checks.findValuesAsText("name")).contains("startup", "index", "embedding-model", "answering");
            // what an unauthenticated caller learns: nothing about documents, nor where the index lives
            assertThat(ready.body()).doesNotContain("documents").doesNotContain("chunks").doesNotContain("path")
                    .doesNotContain(work.toAbsolutePath().toString());
            assertThat(get(server.managementUri("/q/health/live")).statusCode()).isEqualTo(200);
            HttpResponse<String> started = get(server.managementUri("/q/health/started"));
            assertThat(started.statusCode()).isEqualTo(200);
            assertThat(started.body()).contains("\"started\"");

            HttpResponse<String> metrics = get(server.managementUri("/q/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jikji_index_documents", "jikji_model_info{", "jvm_memory_used_bytes",
                    "http_server_requests_seconds_count");
        }
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(3);
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.has("level") && record.has("message")).as(line).isTrue();
        }
    }
}
