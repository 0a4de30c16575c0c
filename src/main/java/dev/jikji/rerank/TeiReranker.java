package dev.jikji.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.problem.ModelServerCalls;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder behind Hugging Face Text Embeddings Inference: {@code POST /rerank} with
 * {@code {"query","texts"}}, answered {@code [{"index","score"}]} (best first), as LangChain4j's {@link ScoringModel}.
 * Hand-written over LangChain4j's HTTP client because no LangChain4j module speaks TEI's rerank API (its Jina, Cohere
 * and Voyage scoring models speak their vendors' own). Candidates go in requests of {@code batch-size} texts (TEI
 * refuses more than its {@code --max-client-batch-size}, 32 by default), each at most {@code max-concurrent} in
 * flight; scores come back in the candidates' order.
 */
public final class TeiReranker implements ScoringModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String rerankUrl;
    private final Map<String, String> headers;
    private final ModelServerCalls calls;
    private final int batchSize;
    private final String name;

    TeiReranker(HttpClient http, String baseUrl, String apiKey, ModelServerCalls calls, int batchSize, String name) {
        this.http = http;
        this.rerankUrl = trimSlash(baseUrl) + "/rerank";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        if (apiKey != null && !apiKey.isBlank()) h.put("Authorization", "Bearer " + apiKey);
        this.headers = Map.copyOf(h);
        this.calls = calls;
        this.batchSize = Math.max(1, batchSize);
        this.name = name;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The {@code model_id} TEI's {@code GET /info} reports, or null when it cannot be read (then the URL names it). */
    static String modelId(HttpClient http, String baseUrl, String apiKey) {
        try {
            HttpRequest.Builder b = HttpRequest.builder().method(HttpMethod.GET).url(trimSlash(baseUrl) + "/info");
            if (apiKey != null && !apiKey.isBlank()) b.addHeader("Authorization", "Bearer " + apiKey);
            JsonNode info = JSON.readTree(http.execute(b.build()).body());
            String id = info.path("model_id").asText("");
            return id.isBlank() ? null : id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<Double> scores = new ArrayList<>(segments.size());
        for (int from = 0; from < segments.size(); from += batchSize) {
            List<String> texts = segments.subList(from, Math.min(segments.size(), from + batchSize)).stream()
                    .map(TextSegment::text).toList();
            for (double s : score(query, texts)) scores.add(s);
        }
        return Response.from(scores);
    }

    private double[] score(String query, List<String> texts) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("query", query, "texts", texts, "truncate", true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.builder().method(HttpMethod.POST).url(rerankUrl).addHeaders(headers).body(body).build();
        String answer = calls.call(() -> http.execute(request).body());
        double[] scores = new double[texts.size()];
        Arrays.fill(scores, Double.NaN);
        try {
            for (JsonNode item : JSON.readTree(answer)) {
                int index = item.path("index").asInt(-1);
                if (index < 0 || index >= scores.length || !item.path("score").isNumber()) {
                    throw calls.failed("answered an item without a valid index and score", null);
                }
                scores[index] = item.path("score").asDouble();
            }
        } catch (IOException e) {
            throw calls.failed("answered something that is not JSON", e);
        }
        for (double s : scores) {
            if (Double.isNaN(s)) throw calls.failed("left candidates without a score", null);
        }
        return scores;
    }

    public String name() {
        return name;
    }
}
