package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Jikji HTTP API for the command line, on the JDK's HTTP client. The multipart body is written
 * here (a few lines) because the JDK has no multipart publisher and a client library for one request
 * shape would outweigh it.
 */
public final class JikjiClient {

    /** The server answered with an error; {@code body} is its problem JSON. */
    public static final class ApiException extends IOException {
        final int status;
        /** The problem's {@code field}, when it names one (a 403 on {@code acl} is about one document, not the key). */
        final String field;

        ApiException(int status, String body) {
            super("HTTP " + status + ": " + detail(body));
            this.status = status;
            this.field = field(body);
        }

        private static String field(String body) {
            try {
                JsonNode n = new ObjectMapper().readTree(body);
                return n != null && n.hasNonNull("field") ? n.get("field").asText() : null;
            } catch (IOException e) {
                return null;
            }
        }

        private static String detail(String body) {
            try {
                JsonNode n = new ObjectMapper().readTree(body);
                return n.hasNonNull("detail") ? n.get("detail").asText() : body;
            } catch (IOException e) {
                return body;
            }
        }
    }

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public JikjiClient(String server, String apiKey) {
        this.base = URI.create(server.endsWith("/") ? server : server + "/");
        this.apiKey = apiKey;
    }

    /** Every document whose id starts with {@code prefix}, following the list cursor. */
    public List<JsonNode> listDocuments(String prefix) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String q = "api/v1/documents?limit=1000&prefix=" + enc(prefix) + (cursor == null ? "" : "&cursor=" + enc(cursor));
            JsonNode page = send(request(q).GET().build());
            page.get("documents").forEach(all::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    public JsonNode document(String id) throws IOException, InterruptedException {
        return send(request("api/v1/documents/" + encPath(id)).GET().build());
    }

    public JsonNode delete(String id) throws IOException, InterruptedException {
        return send(request("api/v1/documents/" + encPath(id)).DELETE().build());
    }

    public JsonNode search(String query, int topK) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("query", query, "topK", topK));
        return send(request("api/v1/search").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public JsonNode analyze(String text) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("text", text));
        return send(request("api/v1/analyze").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Sends documents as one NDJSON ingest request (one JSON document per line); returns the ingest response. */
    public JsonNode ingestNdjson(byte[] ndjson) throws IOException, InterruptedException {
        return send(request("api/v1/documents").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)).build());
    }

    /** Asks a question; returns the whole answer JSON. */
    public JsonNode ask(String question, int topK) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("question", question, "topK", topK));
        return send(request("api/v1/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Asks a question over Server-Sent Events, passing text to {@code onToken} as it is written; returns the done event. */
    public JsonNode askStreaming(String question, int topK, java.util.function.Consumer<String> onToken)
            throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("question", question, "topK", topK));
        HttpRequest r = request("api/v1/ask").header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(r, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 300) {
            throw new ApiException(response.statusCode(), String.join("\n", response.body().toList()));
        }
        String event = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = json.readTree(line.substring(6));
                switch (event == null ? "" : event) {
                    case "token" -> onToken.accept(data.get("text").asText());
                    case "done" -> {
                        return data;
                    }
                    case "error" -> throw new ApiException(data.path("status").asInt(500), line.substring(6));
                    default -> { }
                }
            }
        }
        throw new IOException("the answer stream ended without a done event");
    }

    /** Uploads one file as document {@code id}; returns the ingest response. */
    public JsonNode upload(Path file, String id, String source, Map<String, String> metadata, java.util.List<String> acl)
            throws IOException, InterruptedException {
        String boundary = "jikji-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "id", id);
        field(body, boundary, "source", source);
        field(body, boundary, "metadata", json.writeValueAsString(metadata));
        if (acl != null) field(body, boundary, "acl", json.writeValueAsString(acl));
        String name = file.getFileName().toString().replace("\"", "");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("api/v1/documents").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10));
        if (apiKey != null && !apiKey.isBlank()) {
            b.header("Authorization", "Bearer " + apiKey.strip());
            b.header("X-API-Key", apiKey.strip());
        }
        return b;
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) throw new ApiException(r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encPath(String id) {
        return enc(id).replace("+", "%20").replace("%2F", "/");
    }
}
