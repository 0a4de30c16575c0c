package dev.jikji.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * A loopback HTTP server that speaks the OpenAI chat-completions protocol (streamed chunks), standing in
 * for vLLM/TGI/Ollama. Its "model" quotes the first sentence of source [1] and cites it, then adds an
 * invented claim citing [2] and a citation of a source that was never given, so citation checking has
 * something to remove. For a question about key rotation it refuses as instructed.
 */
public class FakeOpenAiServer implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk-test-secret-7f3a";
    public static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    public static final String INVENTED = " 달에는 토끼가 산다 [2]. 이 내용은 출처 9에 있다 [9].";

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long PIECE_DELAY_MS = 60;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            REQUESTS.add(request);
            AUTHORIZATIONS.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String answer = answer(request);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String piece : answer.split("(?<= )")) {
                    chunk(out, Map.of("content", piece), null);
                    pause(PIECE_DELAY_MS); // like a model writing, so a buffered stream would show
                }
                chunk(out, Map.of(), "stop");
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return Map.of(
                "jikji.generator.kind", "openai",
                "jikji.generator.openai.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "jikji.generator.openai.api-key", API_KEY,
                "jikji.generator.openai.model", "fake-model");
    }

    /** What the fake model answers to a rewrite prompt (a follow-up made standalone). */
    public static final String REWRITE = "API 키를 바꾸는 기간에 옛 키는 며칠 동안 유효한가요?";

    static String answer(JsonNode request) {
        String system = request.get("messages").get(0).get("content").asText();
        String user = request.get("messages").get(1).get("content").asText();
        if (system.contains("독립된 질문") || system.contains("standalone question")) return REWRITE;
        if (user.contains("교체 주기")) return "문서에서 답을 찾을 수 없습니다.";
        int start = user.indexOf("[1] ");
        String afterHeader = user.substring(user.indexOf('\n', start) + 1);
        String firstLine = afterHeader.substring(0, afterHeader.indexOf('\n')).strip();
        int stop = firstLine.indexOf(". ");
        String sentence = stop > 0 ? firstLine.substring(0, stop) : firstLine.replaceAll("[.。]$", "");
        return sentence + " [1]." + INVENTED;
    }

    private static void chunk(OutputStream out, Map<String, String> delta, String finish) throws IOException {
        Map<String, Object> choice = new java.util.HashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        String data = JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk",
                "created", 0, "model", "fake-model", "choices", List.of(choice)));
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }
}
