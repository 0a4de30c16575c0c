package dev.jikji.slack;

import dev.jikji.events.EventSink;
import dev.jikji.events.SlackRequestReceived;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.problem.JsonBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Slack's Events API: {@code url_verification} answered with its challenge; {@code app_mention} in channels and
 * {@code message} in direct messages answered in their thread. Always acknowledged at once (Slack retries
 * after 3 seconds); the answering happens on {@link SlackAnswerer}'s workers.
 */
@Path("/slack/events")
public class SlackEventsResource {

    private static final Logger LOG = Logger.getLogger(SlackEventsResource.class);

    @Inject
    SlackRequestAuthenticator authenticator;

    @Inject
    JsonBodies json;

    @Inject
    EventDeduplicator deduplicator;

    @Inject
    SlackAnswerer answerer;

    @Inject
    EventSink events;

    private static final Set<String> COUNTED_TYPES = Set.of("url_verification", "app_mention", "message");

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(byte[] body,
            @HeaderParam(SlackRequestAuthenticator.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SlackRequestAuthenticator.SIGNATURE_HEADER) String signature,
            @HeaderParam("X-Slack-Retry-Num") String retryNum,
            @HeaderParam("X-Slack-Retry-Reason") String retryReason) {
        authenticator.authenticate(body, timestamp, signature);
        JsonNode root = json.parse(body, null);
        String type = root.path("type").asText("");
        String counted = type.equals("event_callback") ? root.path("event").path("type").asText("") : type;
        events.publish(new SlackRequestReceived(COUNTED_TYPES.contains(counted) ? counted : "other"));
        if (type.equals("url_verification")) {
            return Response.ok(Map.of("challenge", root.path("challenge").asText(""))).build();
        }
        if (!type.equals("event_callback")) {
            LOG.debugf("Slack request of type %s ignored", type);
            return Response.ok().build();
        }
        String eventId = root.path("event_id").asText("");
        if (retryNum != null) LOG.infof("Slack retry %s (%s) of event %s", retryNum, retryReason, eventId);
        // A retry whose id is not remembered (the server restarted in between) is answered: the first
        // delivery's queued work died with the old process, so it was most likely never answered.
        if (!eventId.isEmpty() && !deduplicator.firstDelivery(eventId)) {
            LOG.debugf("Slack event %s already handled; repeat ignored", eventId);
            return Response.ok().build();
        }
        handle(root.path("event"), botUserIds(root));
        return Response.ok().build();
    }

    private void handle(JsonNode event, Set<String> botUserIds) {
        String type = event.path("type").asText("");
        // The bot's own messages, other bots', and edits/deletions/joins (any subtype) are not questions;
        // answering them could loop bot against bot.
        if (event.hasNonNull("bot_id") || event.hasNonNull("bot_profile") || event.hasNonNull("subtype")
                || !event.hasNonNull("user") || botUserIds.contains(event.path("user").asText())) {
            LOG.debugf("Slack %s event from a bot or with a subtype ignored", type);
            return;
        }
        boolean mention = type.equals("app_mention");
        boolean directMessage = type.equals("message") && "im".equals(event.path("channel_type").asText());
        if (!mention && !directMessage) return;
        String channel = event.path("channel").asText();
        String threadTs = event.hasNonNull("thread_ts") ? event.path("thread_ts").asText() : event.path("ts").asText();
        String question = SlackText.question(event.path("text").asText(""));
        answerer.answerInThread(channel, threadTs, question);
    }

    /** The bot's user ids, from the {@code authorizations} Slack attaches to each event. */
    private static Set<String> botUserIds(JsonNode root) {
        Set<String> ids = new HashSet<>();
        for (JsonNode a : root.path("authorizations")) {
            if (a.path("is_bot").asBoolean(false) && a.hasNonNull("user_id")) ids.add(a.path("user_id").asText());
        }
        return ids;
    }
}
