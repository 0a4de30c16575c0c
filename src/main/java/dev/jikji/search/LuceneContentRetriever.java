package dev.jikji.search;

import dev.jikji.config.JikjiConfig;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reranked hybrid search as LangChain4j's {@link ContentRetriever} bean, for an {@code AiServices} or a
 * {@code RetrievalAugmentor}. Who is asking travels with each query, never with the retriever: the
 * {@link InvocationParameters} of the call (an AiServices method parameter of that type) may hold {@link #GROUPS}
 * (the ACL groups the caller reads) or a whole {@link #FILTER}; without either, only public documents are
 * searched (fails closed). {@link #TOP_K} overrides {@code jikji.answer.default-top-k}.
 */
@ApplicationScoped
@Unremovable
public class LuceneContentRetriever implements ContentRetriever {

    /** A {@code Collection<String>} of ACL groups; {@code "*"} among them reads everything, as for an API key. */
    public static final String GROUPS = "jikji.groups";
    /** A {@link SearchFilter} (documents, metadata and groups); wins over {@link #GROUPS}. */
    public static final String FILTER = "jikji.filter";
    /** An {@code Integer}: how many contents to return. */
    public static final String TOP_K = "jikji.topK";

    private static final SearchFilter PUBLIC_ONLY = SearchFilter.visibleTo(Set.of());

    private final RerankedSearch searcher;
    private final int defaultTopK;

    @Inject
    public LuceneContentRetriever(RerankedSearch searcher, JikjiConfig config) {
        this(searcher, config.answer().defaultTopK());
    }

    public LuceneContentRetriever(RerankedSearch searcher, int defaultTopK) {
        this.searcher = searcher;
        this.defaultTopK = defaultTopK;
    }

    @Override
    public List<Content> retrieve(Query query) {
        InvocationParameters params = parameters(query);
        int topK = params != null && params.get(TOP_K) instanceof Integer k ? k : defaultTopK;
        return searcher.search(new SearchQuery(query.text(), topK, filter(params))).hits().stream()
                .map(h -> Content.from(TextSegment.from(h.text(), metadata(h))))
                .toList();
    }

    /** The call's parameters, or null for a bare {@code Query.from(text)}. */
    static InvocationParameters parameters(Query query) {
        if (query.metadata() == null || query.metadata().invocationContext() == null) return null;
        return query.metadata().invocationContext().invocationParameters();
    }

    static SearchFilter filter(InvocationParameters params) {
        if (params == null) return PUBLIC_ONLY;
        if (params.get(FILTER) instanceof SearchFilter f) return f;
        if (params.get(GROUPS) instanceof Collection<?> groups) {
            Set<String> names = groups.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
            return names.contains("*") ? SearchFilter.NONE : SearchFilter.visibleTo(names);
        }
        return PUBLIC_ONLY;
    }

    private static Metadata metadata(SearchHit h) {
        Metadata m = new Metadata()
                .put("documentId", h.documentId())
                .put("chunkId", h.chunkId())
                .put("title", h.title() == null ? "" : h.title())
                .put("source", h.source() == null ? "" : h.source())
                .put("headingPath", String.join(" > ", h.headingPath()))
                .put("score", h.score());
        if (h.rerankScore() != null) m.put("rerankScore", h.rerankScore());
        return h.page() == null ? m : m.put("page", h.page());
    }
}
