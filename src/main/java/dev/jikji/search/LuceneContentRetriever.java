package dev.jikji.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;

/** The reranked hybrid search seen through LangChain4j's {@link ContentRetriever}, for the answering pipeline. */
public final class LuceneContentRetriever implements ContentRetriever {

    private final RerankedSearch searcher;
    private final int topK;
    private final SearchFilter filter;

    public LuceneContentRetriever(RerankedSearch searcher, int topK, SearchFilter filter) {
        this.searcher = searcher;
        this.topK = topK;
        this.filter = filter;
    }

    @Override
    public List<Content> retrieve(Query query) {
        return searcher.search(new SearchQuery(query.text(), topK, filter)).hits().stream()
                .map(h -> Content.from(TextSegment.from(h.text(), metadata(h))))
                .toList();
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
