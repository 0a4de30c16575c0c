package dev.jikji.slack;

import dev.jikji.events.EventSink;
import dev.jikji.events.SlackRequestReceived;
import dev.jikji.feedback.FeedbackRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.problem.JsonBodies;
import dev.jikji.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** Block Kit interactions: the 👍/👎 buttons under an answer, recorded by {@link FeedbackRecorder}. */
@Path("/slack/interactions")
public class SlackInteractionsResource {

    @Inject
    SlackRequestAuthenticator authenticator;

    @Inject
    JsonBodies json;

    @Inject
    FeedbackRecorder feedback;

    @Inject
    EventSink events;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response interaction(byte[] body,
            @HeaderParam(SlackRequestAuthenticator.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SlackRequestAuthenticator.SIGNATURE_HEADER) String signature) {
        authenticator.authenticate(body, timestamp, signature);
        events.publish(new SlackRequestReceived("interaction"));
        String payload = SlackText.form(body).get("payload");
        if (payload == null) throw ProblemException.badRequest("payload", "payload is required");
        JsonNode root = json.parse(payload.getBytes(StandardCharsets.UTF_8), null);
        if (!"block_actions".equals(root.path("type").asText())) return Response.ok().build();
        String user = root.path("user").path("id").asText(null);
        String channel = root.path("channel").path("id").asText(null);
        for (JsonNode action : root.path("actions")) {
            String id = action.path("action_id").asText("");
            FeedbackRecorder.Vote vote = switch (id) {
                case SlackMessageFormatter.FEEDBACK_UP -> FeedbackRecorder.Vote.UP;
                case SlackMessageFormatter.FEEDBACK_DOWN -> FeedbackRecorder.Vote.DOWN;
                default -> null;
            };
            if (vote != null) {
                feedback.record(vote, FeedbackRecorder.Channel.SLACK, action.path("value").asText(""), user, channel);
            }
        }
        return Response.ok().build();
    }
}
