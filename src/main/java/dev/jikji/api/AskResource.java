package dev.jikji.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.auth.CurrentCaller;
import dev.jikji.config.JikjiConfig;
import dev.jikji.problem.JsonBodies;
import dev.jikji.problem.ProblemException;
import dev.jikji.rag.AskQuery;
import dev.jikji.rag.AskResult;
import dev.jikji.rag.AskService;
import dev.jikji.rag.Turn;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Grounded answers. JSON by default; with {@code Accept: text/event-stream} the same call streams
 * Server-Sent Events: {@code token} ({@code {"text"}}) as the answer is written, then {@code citations},
 * then {@code done} with the whole checked result, or {@code error} with the problem body a JSON call would get. The request is
 * validated before the stream opens, so bad input gets a plain 4xx problem either way.
 */
@Path("/api/v1/ask")
@Consumes(MediaType.APPLICATION_JSON)
public class AskResource {

    private static final Logger LOG = Logger.getLogger(AskResource.class);

    @Inject
    AskService service;

    @Inject
    JsonBodies json;

    @Inject
    JikjiConfig config;

    @Inject
    CurrentCaller caller;

    /**
     * @param history earlier turns of the conversation, oldest first; the service keeps no conversation state
     */
    public record AskRequest(String question, Integer topK, SearchResource.FilterRequest filter, List<HistoryTurn> history) {}

    public record HistoryTurn(String question, String answer) {}

    @POST
    public Response ask(byte[] body, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (body.length > 1_000_000) throw ProblemException.tooLarge(1_000_000);
        JsonNode node = json.parse(body, null);
        if (!node.isObject()) throw ProblemException.badRequest("body", "expected a JSON object");
        AskQuery query = validate(json.bind(node, AskRequest.class, null, null));
        if (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            return Response.ok(stream(query), MediaType.SERVER_SENT_EVENTS)
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .build();
        }
        AskResult answer = service.ask(query, AskService.Listener.NONE);
        return Response.ok(ScoreVisibility.forCaller(answer, query.filter().groups(), json.mapper()), MediaType.APPLICATION_JSON).build();
    }

    AskQuery validate(AskRequest r) {
        JikjiConfig.Answer a = config.answer();
        if (r.question() == null) throw ProblemException.badRequest("question", "question is required");
        if (r.question().isBlank()) throw ProblemException.badRequest("question", "question must not be empty");
        if (r.question().length() > a.maxQuestionChars()) {
            throw ProblemException.badRequest("question", "question is longer than " + a.maxQuestionChars() + " characters");
        }
        SearchResource.noControlCharacters("question", r.question());
        int topK = r.topK() == null ? a.defaultTopK() : r.topK();
        if (topK < 1 || topK > a.maxTopK()) {
            throw ProblemException.badRequest("topK", "topK must be between 1 and " + a.maxTopK());
        }
        List<Turn> history = history(r.history());
        // the caller's groups are fixed here, on the request thread: a streamed answer runs after the request scope
        return new AskQuery(r.question().strip(), topK, SearchResource.filter(r.filter()).withGroups(caller.groups()),
                history);
    }

    /** Earlier turns, bounded in number ({@code jikji.conversation.max-turns}) and size; a bad one is named. */
    List<Turn> history(List<HistoryTurn> turns) {
        if (turns == null) return List.of();
        JikjiConfig.Conversation c = config.conversation();
        if (turns.size() > c.maxTurns()) {
            throw ProblemException.badRequest("history", "history holds " + turns.size() + " turns; at most "
                    + c.maxTurns() + " are accepted (send the latest ones)");
        }
        int maxQuestion = config.answer().maxQuestionChars();
        List<Turn> out = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            HistoryTurn t = turns.get(i);
            String at = "history[" + i + "]";
            if (t == null) throw ProblemException.badRequest(at, at + " must be an object {\"question\", \"answer\"}");
            if (t.question() == null || t.question().isBlank()) {
                throw ProblemException.badRequest(at + ".question", at + ".question is required");
            }
            if (t.question().length() > maxQuestion) {
                throw ProblemException.badRequest(at + ".question", at + ".question is longer than " + maxQuestion + " characters");
            }
            SearchResource.noControlCharacters(at + ".question", t.question());
            String answer = t.answer() == null ? "" : t.answer();
            if (answer.length() > c.maxAnswerChars()) {
                throw ProblemException.badRequest(at + ".answer", at + ".answer is longer than " + c.maxAnswerChars()
                        + " characters (jikji.conversation.max-answer-chars)");
            }
            SearchResource.noControlCharacters(at + ".answer", answer);
            out.add(new Turn(t.question().strip(), answer.strip()));
        }
        return out;
    }

    private StreamingOutput stream(AskQuery query) {
        ObjectMapper mapper = json.mapper();
        return out -> {
            SseWriter sse = new SseWriter(out, mapper);
            AskResult result;
            try {
                result = service.ask(query, text -> sse.event("token", Map.of("text", text)));
            } catch (RuntimeException e) {
                if (clientGone(e)) {
                    LOG.debug("Client closed the event stream; answer abandoned");
                    return;
                }
                // the same problem a JSON answer would end with (ProblemMappers logs what is ours)
                sse.event("error", ProblemMappers.of(e).problem());
                return;
            }
            sse.event("citations", Map.of("citations", result.citations()));
            sse.event("done", ScoreVisibility.forCaller(result, query.filter().groups(), mapper));
        };
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SseWriter.ClientGone) return true;
        }
        return false;
    }

    /** Writes one event per call and flushes it, so each reaches the client as it happens. */
    static final class SseWriter {
        private final OutputStream out;
        private final ObjectMapper mapper;

        SseWriter(OutputStream out, ObjectMapper mapper) {
            this.out = out;
            this.mapper = mapper;
        }

        synchronized void event(String name, Object data) {
            try {
                String payload = "event: " + name + "\ndata: " + mapper.writeValueAsString(data) + "\n\n";
                out.write(payload.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        static final class ClientGone extends RuntimeException {
            ClientGone(IOException cause) {
                super(cause);
            }
        }
    }
}
