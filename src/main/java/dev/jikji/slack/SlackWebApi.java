package dev.jikji.slack;

import dev.jikji.tracing.TracePropagation;
import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import dev.jikji.config.JikjiConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The three Slack calls Jikji makes, through Slack's Java SDK, against {@code jikji.slack.api-base-url}. */
@ApplicationScoped
public class SlackWebApi {

    /** A Slack call that did not succeed; the message carries Slack's error code, never the token. */
    public static final class SlackCallFailed extends RuntimeException {
        SlackCallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Slack slack;
    private final Optional<String> botToken;
    private final Gson gson = GsonFactory.createSnakeCase();

    @Inject
    public SlackWebApi(JikjiConfig config) {
        SlackConfig sdk = new SlackConfig();
        String base = config.slack().apiBaseUrl();
        sdk.setMethodsEndpointUrlPrefix(base.endsWith("/") ? base : base + "/");
        // The SDK's call statistics run a background thread per client that nothing here reads.
        sdk.setStatsEnabled(false);
        sdk.getMethodsConfig().setStatsEnabled(false);
        sdk.setHttpClientCallTimeoutMillis(15_000);
        // Slack's own OkHttp client, plus W3C traceparent so a traced question's Slack calls join its trace
        this.slack = Slack.getInstance(sdk, new com.slack.api.util.http.SlackHttpClient(
                com.slack.api.util.http.SlackHttpClient.buildOkHttpClient(sdk).newBuilder()
                        .addInterceptor(TracePropagation.okHttp()).build()));
        this.botToken = config.slack().botToken().filter(t -> !t.isBlank());
    }

    public boolean canPost() {
        return botToken.isPresent();
    }

    /** chat.postMessage in a thread; returns the new message's ts. */
    public String postMessage(String channel, String threadTs, SlackMessage message) {
        ChatPostMessageResponse r = call("chat.postMessage", () -> methods().chatPostMessage(req -> req
                .channel(channel).threadTs(threadTs).text(message.text()).blocks(message.blocks())
                .unfurlLinks(false).unfurlMedia(false)));
        if (!r.isOk()) throw new SlackCallFailed("chat.postMessage failed: " + r.getError(), null);
        return r.getTs();
    }

    /** chat.update of a message the bot posted. */
    public void update(String channel, String ts, SlackMessage message) {
        ChatUpdateResponse r = call("chat.update", () -> methods().chatUpdate(req -> req
                .channel(channel).ts(ts).text(message.text()).blocks(message.blocks())));
        if (!r.isOk()) throw new SlackCallFailed("chat.update failed: " + r.getError(), null);
    }

    /** A reply to a slash command through its response_url (no token: the URL itself is the credential). */
    public void respond(String responseUrl, SlackMessage message, boolean inChannel) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("response_type", inChannel ? "in_channel" : "ephemeral");
        payload.put("replace_original", false);
        payload.put("text", message.text());
        payload.put("blocks", message.blocks());
        WebhookResponse r = call("response_url", () -> slack.send(responseUrl, gson.toJson(payload)));
        if (r.getCode() == null || r.getCode() / 100 != 2) {
            throw new SlackCallFailed("response_url answered HTTP " + r.getCode(), null);
        }
    }

    private MethodsClient methods() {
        return slack.methods(botToken.orElseThrow(() -> new SlackCallFailed("jikji.slack.bot-token is not set", null)));
    }

    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (IOException | SlackApiException e) {
            throw new SlackCallFailed(what + " failed: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        try {
            slack.close();
        } catch (Exception e) {
            // closing at shutdown; nothing to do about it
        }
    }
}
