package dev.jikji.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server standing in for Slack: the Web API under {@code /api/} (chat.postMessage and
 * chat.update, answered as Slack does, with a fresh {@code ts} per posted message) and response_url targets
 * under {@code /response/}. Every call is recorded with its parameters and Authorization header.
 */
public class FakeSlackServer implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_TOKEN = "xoxb-test-1234-abcd";

    /** One call: the Web API method (or "response_url"), its form parameters or JSON body, and its auth header. */
    public record Call(String method, Map<String, String> params, JsonNode json, String authorization, String path) {
        public String param(String name) {
            return params.get(name);
        }

        public JsonNode blocks() {
            try {
                return json != null ? json.get("blocks") : JSON.readTree(params.getOrDefault("blocks", "[]"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** All text of the call's blocks, joined, to look for words in. */
        public String blockText() {
            StringBuilder b = new StringBuilder();
            collect(blocks(), b);
            return b.toString();
        }

        private static void collect(JsonNode node, StringBuilder b) {
            if (node == null) return;
            if (node.isObject() && node.has("text") && node.get("text").isTextual()) b.append(node.get("text").asText()).append('\n');
            for (JsonNode child : node) collect(child, b);
        }
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT_TS = new AtomicLong(1_700_000_000_000_100L);
    private static volatile String baseUrl;

    private HttpServer server;

    public static String responseUrl(String name) {
        return baseUrl + "/response/" + name;
    }

    public static List<Call> calls(String method, String channel) {
        return CALLS.stream().filter(c -> c.method().equals(method) && channel.equals(c.param("channel"))).toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> params = SlackText.form(exchange.getRequestBody().readAllBytes());
            CALLS.add(new Call(method, params, null, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestURI().getPath()));
            String ts = method.equals("chat.update") ? params.get("ts") : nextTs();
            send(exchange, JSON.writeValueAsString(Map.of("ok", true, "channel", params.getOrDefault("channel", ""), "ts", ts)));
        });
        server.createContext("/response/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            CALLS.add(new Call("response_url", Map.of(), body, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestURI().getPath()));
            send(exchange, "ok");
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "jikji.slack.signing-secret", SIGNING_SECRET,
                "jikji.slack.bot-token", BOT_TOKEN,
                "jikji.slack.api-base-url", baseUrl + "/api/");
    }

    private static String nextTs() {
        long n = NEXT_TS.getAndIncrement();
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }
}
