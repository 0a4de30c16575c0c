package dev.jikji.api;

import dev.jikji.problem.JsonBodies;
import dev.jikji.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.auth.CurrentCaller;
import dev.jikji.config.JikjiConfig;
import dev.jikji.feedback.FeedbackRecorder;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * 👍/👎 on an answer from the web page (or any client): counted with Slack's votes by {@link FeedbackRecorder}
 * ({@code jikji_feedback_total{vote,channel}}). The answer is named by {@code answerId}, or by its question
 * (and answer) text, which is hashed and never logged.
 */
@Path("/api/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    static final int MAX_ID_CHARS = 200;
    static final int MAX_COMMENT_CHARS = 2000;

    @Inject
    JsonBodies json;

    @Inject
    JikjiConfig config;

    @Inject
    CurrentCaller caller;

    @Inject
    FeedbackRecorder feedback;

    public record FeedbackRequest(String vote, String answerId, String question, String answer, String comment) {}

    @POST
    public Response vote(byte[] body) {
        if (body.length > 100_000) throw ProblemException.tooLarge(100_000);
        JsonNode node = json.parse(body, null);
        if (!node.isObject()) throw ProblemException.badRequest("body", "expected a JSON object");
        FeedbackRequest r = json.bind(node, FeedbackRequest.class, null, null);
        FeedbackRecorder.Vote vote = vote(r.vote());
        String id = answerId(r);
        if (r.comment() != null) {
            if (r.comment().length() > MAX_COMMENT_CHARS) {
                throw ProblemException.badRequest("comment", "comment is longer than " + MAX_COMMENT_CHARS + " characters");
            }
            SearchResource.noControlCharacters("comment", r.comment());
        }
        feedback.record(vote, FeedbackRecorder.Channel.WEB, id, caller.get().name(), null);
        return Response.accepted(Map.of("recorded", true, "vote", vote.label(), "answerId", id)).build();
    }

    static FeedbackRecorder.Vote vote(String v) {
        if (v == null) throw ProblemException.badRequest("vote", "vote is required: \"up\" or \"down\"");
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "up" -> FeedbackRecorder.Vote.UP;
            case "down" -> FeedbackRecorder.Vote.DOWN;
            default -> throw ProblemException.badRequest("vote", "vote must be \"up\" or \"down\"");
        };
    }

    /** The caller's id for the answer, or {@code q:} and a hash of its question and answer text. */
    String answerId(FeedbackRequest r) {
        if (r.answerId() != null && !r.answerId().isBlank()) {
            if (r.answerId().length() > MAX_ID_CHARS) {
                throw ProblemException.badRequest("answerId", "answerId is longer than " + MAX_ID_CHARS + " characters");
            }
            if (!r.answerId().matches("[A-Za-z0-9._:/#-]+")) {
                throw ProblemException.badRequest("answerId", "answerId may hold letters, digits and . _ : / # - only");
            }
            return r.answerId();
        }
        if (r.question() == null || r.question().isBlank()) {
            throw ProblemException.badRequest("question", "answerId or question is required to say which answer the vote is on");
        }
        int maxQuestion = config.answer().maxQuestionChars();
        if (r.question().length() > maxQuestion) {
            throw ProblemException.badRequest("question", "question is longer than " + maxQuestion + " characters");
        }
        SearchResource.noControlCharacters("question", r.question());
        String answer = r.answer() == null ? "" : r.answer();
        int maxAnswer = config.conversation().maxAnswerChars();
        if (answer.length() > maxAnswer) {
            throw ProblemException.badRequest("answer", "answer is longer than " + maxAnswer + " characters");
        }
        SearchResource.noControlCharacters("answer", answer);
        return "q:" + hash(r.question().strip() + "\n" + answer.strip());
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
