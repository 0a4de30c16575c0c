package dev.jikji.embed;

import dev.jikji.problem.ModelServerCalls;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;

/**
 * One side (query or passage) of a model behind an OpenAI-compatible {@code /v1/embeddings} server, through
 * LangChain4j's {@code OpenAiEmbeddingModel}: the side's prefix prepended, at most the configured requests in flight,
 * and every answer checked (one vector per text, each of the declared dimension) so that the index never receives
 * a vector of another model.
 */
public final class RemoteEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel server;
    private final ModelServerCalls calls;
    private final String prefix;
    private final String name;
    private volatile int dimension;

    /** {@code dimension} 0: not known yet, taken from the first answer (EmbeddingModels probes at start). */
    RemoteEmbeddingModel(EmbeddingModel server, ModelServerCalls calls, String prefix, String name, int dimension) {
        this.server = server;
        this.calls = calls;
        this.prefix = prefix;
        this.name = name;
        this.dimension = dimension;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<TextSegment> prefixed = segments.stream().map(s -> TextSegment.from(prefix + s.text())).toList();
        List<Embedding> vectors = calls.call(() -> server.embedAll(prefixed).content());
        if (vectors == null || vectors.size() != segments.size()) {
            throw calls.failed("answered " + (vectors == null ? 0 : vectors.size()) + " vectors for " + segments.size()
                    + " texts", null);
        }
        for (Embedding v : vectors) {
            if (dimension == 0) dimension = v.dimension();
            if (v.dimension() != dimension) {
                throw calls.failed("answered a vector of dimension " + v.dimension() + ", not " + dimension
                        + " (another model? the index refuses mixed vectors)", null);
            }
        }
        return Response.from(vectors);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelName() {
        return name;
    }
}
