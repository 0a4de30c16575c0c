package dev.jikji.tracing;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * W3C {@code traceparent} on Jikji's outgoing calls that no Quarkus extension instruments: the OpenAI-compatible
 * generator (LangChain4j's own HTTP client) and Slack's Web API (Slack's SDK, OkHttp). The header carries the
 * current span, so the model server's or a proxy's trace joins the request's; with tracing off there is no valid
 * span and nothing is added.
 */
public final class TracePropagation {

    private TracePropagation() {}

    /** Adds the current context's W3C headers through {@code put}. */
    static void inject(BiConsumer<String, String> put) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), put, (p, k, v) -> p.accept(k, v));
    }

    /** LangChain4j's default HTTP client, adding {@code traceparent} to every request. */
    public static HttpClientBuilder langChain4j() {
        return new TracedBuilder(HttpClientBuilderLoader.loadHttpClientBuilder());
    }

    /** For Slack's OkHttp client: {@code traceparent} on every call. */
    public static okhttp3.Interceptor okHttp() {
        return chain -> {
            okhttp3.Request.Builder b = chain.request().newBuilder();
            inject(b::header);
            return chain.proceed(b.build());
        };
    }

    private record TracedBuilder(HttpClientBuilder delegate) implements HttpClientBuilder {
        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            HttpClient client = delegate.build();
            return new HttpClient() {
                @Override
                public SuccessfulHttpResponse execute(HttpRequest request) {
                    return client.execute(traced(request));
                }

                @Override
                public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                    client.execute(traced(request), parser, listener);
                }
            };
        }
    }

    static HttpRequest traced(HttpRequest request) {
        Map<String, String> extra = new LinkedHashMap<>();
        inject(extra::put);
        if (extra.isEmpty()) return request;
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        extra.forEach((k, v) -> headers.put(k, List.of(v)));
        HttpRequest.Builder b = HttpRequest.builder().method(request.method()).url(request.url()).headers(headers)
                .body(request.body());
        if (request.formDataFields() != null) b.formDataFields(request.formDataFields());
        if (request.formDataFiles() != null) b.formDataFiles(request.formDataFiles());
        return b.build();
    }
}
