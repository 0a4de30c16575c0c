package dev.jikji.slack;

import dev.jikji.events.EventSink;
import dev.jikji.events.SlackRequestReceived;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * A slash command ({@code /jikji 질문}): acknowledged at once with a private "searching…", answered later in
 * the channel through the command's {@code response_url}.
 */
@Path("/slack/commands")
public class SlackCommandsResource {

    @Inject
    SlackRequestAuthenticator authenticator;

    @Inject
    SlackAnswerer answerer;

    @Inject
    SlackMessageFormatter formatter;

    @Inject
    EventSink events;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response command(byte[] body,
            @HeaderParam(SlackRequestAuthenticator.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SlackRequestAuthenticator.SIGNATURE_HEADER) String signature) {
        authenticator.authenticate(body, timestamp, signature);
        events.publish(new SlackRequestReceived("command"));
        Map<String, String> form = SlackText.form(body);
        // Slack checks the certificate of a command's URL now and then with ssl_check=1; it asks nothing.
        if ("1".equals(form.get("ssl_check"))) return Response.ok().build();
        String question = SlackText.question(form.getOrDefault("text", ""));
        String responseUrl = form.get("response_url");
        if (question.isBlank() || responseUrl == null || responseUrl.isBlank()) {
            return Response.ok(Map.of("response_type", "ephemeral", "text", formatter.usage().text())).build();
        }
        answerer.answerCommand(responseUrl, form.get("channel_id"), question, form.get("user_id"));
        String searching = formatter.searching(SlackAnswerer.language(question)).text();
        return Response.ok(Map.of("response_type", "ephemeral", "text", searching)).build();
    }
}
