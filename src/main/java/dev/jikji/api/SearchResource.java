package dev.jikji.api;

import dev.jikji.tracing.Tracing;
import dev.jikji.problem.JsonBodies;
import dev.jikji.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.auth.CurrentCaller;
import dev.jikji.config.JikjiConfig;
import dev.jikji.search.RerankedSearch;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.SearchQuery;
import dev.jikji.search.SearchResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Hybrid search over the indexed chunks, reranked (see {@link RerankedSearch}). */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final int MAX_QUERY_CHARS = 4_000;

    @Inject
    Tracing tracing;

    @Inject
    RerankedSearch searcher;

    @Inject
    JsonBodies json;

    @Inject
    JikjiConfig config;

    @Inject
    CurrentCaller caller;

    /** The request as sent; validated into a {@link SearchQuery}. */
    public record SearchRequest(String query, Integer topK, FilterRequest filter) {}

    public record FilterRequest(List<String> documentIds, Map<String, String> metadata) {}

    @POST
    public Object search(byte[] body) {
        if (body.length > 1_000_000) throw ProblemException.tooLarge(1_000_000);
        JsonNode node = json.parse(body, null);
        if (!node.isObject()) throw ProblemException.badRequest("body", "expected a JSON object");
        SearchRequest request = json.bind(node, SearchRequest.class, null, null);
        SearchQuery query = validate(request);
        SearchResult result = tracing.span("jikji.search", span -> span.setAttribute("jikji.top_k", query.topK()),
                () -> searcher.search(query));
        return ScoreVisibility.forCaller(result, query.filter().groups(), json.mapper());
    }

    SearchQuery validate(SearchRequest r) {
        if (r.query() == null) throw ProblemException.badRequest("query", "query is required");
        if (r.query().isBlank()) throw ProblemException.badRequest("query", "query must not be empty");
        if (r.query().length() > MAX_QUERY_CHARS) {
            throw ProblemException.badRequest("query", "query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        noControlCharacters("query", r.query());
        int max = config.search().maxTopK();
        int topK = r.topK() == null ? config.search().defaultTopK() : r.topK();
        if (topK < 1 || topK > max) throw ProblemException.badRequest("topK", "topK must be between 1 and " + max);
        SearchFilter filter = filter(r.filter()).withGroups(caller.groups());
        return new SearchQuery(r.query(), topK, filter);
    }

    /** Refuses control characters other than tab, line feed and carriage return: nothing legitimate sends them. */
    static void noControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw ProblemException.badRequest(field, field + " must not contain control characters (U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
    }

    /** The filter of a search or ask request, validated; the same fields and errors for both. */
    static SearchFilter filter(FilterRequest f) {
        if (f == null) return SearchFilter.NONE;
        List<String> ids = f.documentIds();
        if (ids != null && ids.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw ProblemException.badRequest("filter.documentIds", "document ids must be non-empty strings");
        }
        if (ids != null) ids.forEach(id -> noControlCharacters("filter.documentIds", id));
        if (f.metadata() != null) {
            f.metadata().forEach((k, v) -> {
                noControlCharacters("filter.metadata", k);
                if (v != null) noControlCharacters("filter.metadata." + k, v);
            });
        }
        Map<String, String> meta = f.metadata();
        if (meta != null && meta.values().stream().anyMatch(v -> v == null)) {
            throw ProblemException.badRequest("filter.metadata", "metadata values must be strings");
        }
        return new SearchFilter(ids, meta);
    }
}
