package dev.jikji.embed;

import ai.onnxruntime.OrtException;
import dev.jikji.onnx.SessionLanes.Lane;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;

/**
 * The encoder seen through LangChain4j's {@link EmbeddingModel}, for one side of retrieval: models
 * such as e5 are trained with "query: " and "passage: " prefixes and lose accuracy without them. The
 * query side runs in the encoder's query lane, so a search does not wait behind an ingest's batches.
 */
public final class PrefixedEmbeddingModel implements EmbeddingModel {

    private final OnnxEncoder encoder;
    private final String prefix;
    private final Lane lane;

    public PrefixedEmbeddingModel(OnnxEncoder encoder, String prefix, Lane lane) {
        this.encoder = encoder;
        this.prefix = prefix;
        this.lane = lane;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = segments.stream().map(s -> prefix + s.text()).toList();
        try {
            return Response.from(encoder.encode(texts, lane).stream().map(Embedding::from).toList());
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int dimension() {
        return encoder.spec().dimension();
    }

    @Override
    public String modelName() {
        return encoder.spec().name();
    }
}
