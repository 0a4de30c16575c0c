package dev.jikji.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.TextTerms;
import dev.jikji.problem.JsonBodies;
import dev.jikji.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * How the index reads a text (Elasticsearch's {@code _analyze}, Solr's analysis screen): the terms that documents
 * and questions become after Nori, the English chain, the company's nouns and synonyms, with offsets and Nori's
 * part of speech, so whoever edits {@code jikji.search.synonyms} or {@code jikji.search.nori-user-dictionary} sees
 * what a line does. It reads only the text sent, never the index: a {@code read} key is enough.
 */
@Path("/api/v1/analyze")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnalyzeResource {

    static final int MAX_TEXT_CHARS = 4_000;

    @Inject
    SearchIndex index;

    @Inject
    JsonBodies json;

    public record AnalyzeRequest(String text) {}

    /**
     * One term: {@code surface} is the text it came from; {@code partOfSpeech} Nori's tag and its name ({@code SL}
     * for Latin words, {@code SN} for numbers); {@code synonym} when a synonym rule put it there.
     */
    public record AnalyzedToken(String term, String surface, int start, int end, int position, String partOfSpeech,
            String partOfSpeechName, boolean synonym) {}

    /** {@code analysis}: the fingerprint the index was built with (as readiness's {@code index} check shows). */
    public record AnalyzeResponse(String analysis, int synonymRules, List<AnalyzedToken> tokens) {}

    @POST
    public AnalyzeResponse analyze(byte[] body) {
        if (body.length > 100_000) throw ProblemException.tooLarge(100_000);
        JsonNode node = json.parse(body, null);
        if (!node.isObject()) throw ProblemException.badRequest("body", "expected a JSON object");
        String text = json.bind(node, AnalyzeRequest.class, null, null).text();
        if (text == null) throw ProblemException.badRequest("text", "text is required");
        if (text.isBlank()) throw ProblemException.badRequest("text", "text must not be empty");
        if (text.length() > MAX_TEXT_CHARS) {
            throw ProblemException.badRequest("text", "text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        SearchResource.noControlCharacters("text", text);
        List<AnalyzedToken> tokens = new ArrayList<>();
        TextTerms.of(index.analyzer()).forEach(text, t -> tokens.add(new AnalyzedToken(t.term(),
                text.substring(t.start(), t.end()), t.start(), t.end(), t.position(),
                t.leftPos() == null ? null : t.leftPos().name(), t.leftPos() == null ? null : t.leftPos().description(),
                t.synonym())));
        return new AnalyzeResponse(index.analyzer().fingerprint(), index.analyzer().synonyms().size(), tokens);
    }
}
