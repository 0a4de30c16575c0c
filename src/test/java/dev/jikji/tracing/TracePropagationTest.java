package dev.jikji.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outgoing calls carry the current span as W3C traceparent: LangChain4j's HTTP client (the OpenAI-compatible
 * generator) and OkHttp with the interceptor (Slack's SDK), each against a loopback server that records the header.
 * Without a valid span nothing is added.
 */
class TracePropagationTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            byte[] body = "{}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
    }

    private void callBoth() throws Exception {
        TracePropagation.langChain4j().build().execute(HttpRequest.builder().method(HttpMethod.POST).url(url())
                .addHeader("Content-Type", "application/json").body("{}").build());
        okhttp3.OkHttpClient ok = new okhttp3.OkHttpClient.Builder().addInterceptor(TracePropagation.okHttp()).build();
        try (okhttp3.Response r = ok.newCall(new okhttp3.Request.Builder().url(url()).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    @Test
    void theCurrentSpanTravelsOnBothClients() throws Exception {
        try (SdkTracerProvider tracer = SdkTracerProvider.builder().build()) {
            Span span = tracer.get("test").spanBuilder("jikji.generate").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                callBoth();
            } finally {
                span.end();
            }
            String expected = "00-" + span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId() + "-01";
            assertThat(received).containsExactly(expected, expected);
        }
    }

    @Test
    void noSpanNoHeader() throws Exception {
        callBoth();
        assertThat(received).containsExactly("null", "null");
    }
}
