package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while an ingest is being embedded: the packaged server lets the request finish (200), then commits and
 * closes the index; a new process on the same data finds the document with every chunk the answer reported.
 */
class GracefulShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inFlightIngestFinishesAndIsDurableAfterSigterm() throws Exception {
        Path work = Manifests.ROOT.resolve("target/graceful-it/" + ProcessHandle.current().pid());
        Path data = work.resolve("data");
        Files.createDirectories(work);
        StringBuilder text = new StringBuilder("# Long handbook\n\n");
        for (int i = 0; i < 1000; i++) { // ~16 s of ingest on 2 idle cores: still running at 1.5 s on a much faster machine, within the 30 s grace (1,500 took 24 s)
            text.append("Section ").append(i).append(" explains how the quarterly wombat review number ").append(i)
                    .append(" is prepared, who signs it off, and where the minutes are archived for auditors. ");
            if (i % 10 == 9) text.append("\n\n## Part ").append(i / 10).append("\n\n");
        }
        String body = JSON.writeValueAsString(Map.of("id", "graceful/handbook.md", "text", text.toString()));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> answer;
        long sigtermAt;
        long answeredAt;
        try (ServerProcess server = ServerProcess.start(data, work.resolve("server-1.log"), List.of())) {
            CompletableFuture<HttpResponse<String>> ingest = http.sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/documents"))
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            CompletableFuture<Long> answered = ingest.thenApply(r -> System.nanoTime());
            Thread.sleep(1500);
            assertThat(ingest).as("the ingest must still be running when SIGTERM is sent").isNotDone();
            sigtermAt = System.nanoTime();
            Thread stopper = Thread.ofPlatform().start(() -> {
                try {
                    server.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            answer = ingest.get();
            answeredAt = answered.get();
            stopper.join(Duration.ofSeconds(90));
            assertThat(Files.readString(server.log)).contains("jikji stopped");
        }
        assertThat(answeredAt).as("answered after SIGTERM").isGreaterThan(sigtermAt);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body()).path("results").get(0);
        assertThat(result.path("status").asText()).isEqualTo("created");
        int chunks = result.path("chunks").asInt();
        assertThat(chunks).isGreaterThan(50);

        try (ServerProcess second = ServerProcess.start(data, work.resolve("server-2.log"), List.of())) {
            HttpResponse<String> doc = http.send(HttpRequest.newBuilder(second.uri("/api/v1/documents/graceful/handbook.md")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(doc.body()).path("chunks").asInt()).isEqualTo(chunks);
            second.stop();
        }
    }
}
