package dev.jikji.api;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loopback stand-ins for remote model servers: an OpenAI-compatible {@code POST /v1/embeddings} (as vLLM and TEI
 * serve it) and TEI's {@code POST /rerank}. Not real models. The embedder maps a few words of a tiny bilingual
 * concept table to axes ({@code 고양이} and {@code feline} share one), so an English query can find a Korean document
 * only through vectors that came from here; the reranker scores each text by a hash of it, an order unrelated to
 * fusion, and answers best first with {@code index} as TEI does. {@link #mode} makes either misbehave.
 */
public class FakeModelServers implements QuarkusTestResourceLifecycleManager {

    public enum Mode { NORMAL, SLOW, FAIL, WRONG_DIMENSION }

    public static final String EMBEDDING_KEY = "emb-secret-51c0";
    public static final String RERANK_KEY = "rr-secret-0d2e";
    public static final int DIMENSION = 16;
    /** Longer than the time-outs the profile sets. */
    static final long SLOW_MS = 2_500;

    public static volatile Mode embeddingMode = Mode.NORMAL;
    public static volatile Mode rerankMode = Mode.NORMAL;
    public static final List<String> EMBEDDED = new CopyOnWriteArrayList<>();
    public static final List<String> EMBEDDING_AUTH = new CopyOnWriteArrayList<>();
    public static final List<String> RERANK_QUERIES = new CopyOnWriteArrayList<>();
    public static final List<String> RERANK_AUTH = new CopyOnWriteArrayList<>();
    /** Every score the reranker answered, in request order. */
    public static final List<Double> RERANK_SCORES = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> CONCEPTS = List.of(
            List.of("고양이", "feline"), List.of("배포", "deploy"), List.of("휴가", "vacation"), List.of("서버", "server"));

    private HttpServer server;
    private ExecutorService threads;

    public static void reset() {
        embeddingMode = Mode.NORMAL;
        rerankMode = Mode.NORMAL;
        EMBEDDED.clear();
        EMBEDDING_AUTH.clear();
        RERANK_QUERIES.clear();
        RERANK_AUTH.clear();
        RERANK_SCORES.clear();
    }

    /** The stand-in embedding: counts of concept words on their axes, plus a constant axis (never a zero vector). */
    public static float[] vector(String text, int dimension) {
        float[] v = new float[dimension];
        String lower = text.toLowerCase(Locale.ROOT);
        for (int c = 0; c < CONCEPTS.size(); c++) {
            for (String word : CONCEPTS.get(c)) {
                for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) v[c] += 1;
            }
        }
        v[dimension - 1] = 0.1f;
        double norm = 0;
        for (float x : v) norm += x * x;
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(norm);
        return v;
    }

    public static double rerankScore(String text) {
        return Math.floorMod(text.hashCode(), 1000) / 1000.0;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads); // a slow request must not hold up the next one
        server.createContext("/v1/embeddings", this::embeddings);
        server.createContext("/rerank", this::rerank);
        server.createContext("/info", exchange -> send(exchange, 200, Map.of("model_id", "stand-in/reranker")));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.ofEntries(
                Map.entry("jikji.embedding.kind", "openai"),
                Map.entry("jikji.embedding.openai.base-url", base + "/v1"),
                Map.entry("jikji.embedding.openai.api-key", EMBEDDING_KEY),
                Map.entry("jikji.embedding.openai.model", "stand-in/embedder"),
                Map.entry("jikji.embedding.openai.languages", "ko,en"),
                Map.entry("jikji.embedding.openai.query-prefix", "query: "),
                Map.entry("jikji.embedding.openai.passage-prefix", "passage: "),
                Map.entry("jikji.embedding.openai.timeout", "1s"),
                Map.entry("jikji.rerank.kind", "tei"),
                Map.entry("jikji.rerank.tei.base-url", base),
                Map.entry("jikji.rerank.tei.api-key", RERANK_KEY),
                Map.entry("jikji.rerank.tei.timeout", "1s"),
                Map.entry("jikji.rerank.batch-size", "4"),
                Map.entry("jikji.data.dir", "target/test-data/remote-models-" + System.nanoTime()));
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        EMBEDDING_AUTH.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (misbehaved(exchange, embeddingMode)) return;
        int dimension = embeddingMode == Mode.WRONG_DIMENSION ? DIMENSION + 1 : DIMENSION;
        List<Map<String, Object>> data = new ArrayList<>();
        JsonNode input = request.get("input");
        for (int i = 0; i < input.size(); i++) {
            String text = input.get(i).asText();
            EMBEDDED.add(text);
            data.add(Map.of("object", "embedding", "index", i, "embedding", vector(text, dimension)));
        }
        send(exchange, 200, Map.of("object", "list", "model", request.path("model").asText(), "data", data,
                "usage", Map.of("prompt_tokens", 1, "total_tokens", 1)));
    }

    private void rerank(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        RERANK_AUTH.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (misbehaved(exchange, rerankMode)) return;
        RERANK_QUERIES.add(request.get("query").asText());
        List<Map<String, Object>> scored = new ArrayList<>();
        JsonNode texts = request.get("texts");
        for (int i = 0; i < texts.size(); i++) {
            double score = rerankScore(texts.get(i).asText());
            RERANK_SCORES.add(score);
            scored.add(Map.of("index", i, "score", score));
        }
        scored.sort(Comparator.comparingDouble((Map<String, Object> m) -> (Double) m.get("score")).reversed());
        send(exchange, 200, scored);
    }

    private static boolean misbehaved(HttpExchange exchange, Mode mode) throws IOException {
        if (mode == Mode.SLOW) {
            try {
                Thread.sleep(SLOW_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, List.of());
            return true;
        }
        if (mode == Mode.FAIL) {
            send(exchange, 500, Map.of("error", "CUDA out of memory"));
            return true;
        }
        return false;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (a time-out): nothing to answer
        }
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
        if (threads != null) threads.shutdownNow();
    }
}
