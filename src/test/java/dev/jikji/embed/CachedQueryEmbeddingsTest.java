package dev.jikji.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedQueryEmbeddingsTest {

    /** Embeds a text as (length, first char) and records every text it was asked for. */
    static final class CountingModel implements EmbeddingModel {
        final List<String> asked = new ArrayList<>();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                asked.add(s.text());
                out.add(Embedding.from(new float[] {s.text().length(), s.text().charAt(0)}));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return 2;
        }
    }

    @Test
    void aQuestionAskedAgainIsNotEmbeddedAgainAndGetsTheSameVector() {
        CountingModel model = new CountingModel();
        CachedQueryEmbeddings cached = new CachedQueryEmbeddings(model, 100);
        float[] first = cached.embed("what is RRF?").content().vector();
        float[] second = cached.embed("what is RRF?").content().vector();
        assertThat(second).containsExactly(first);
        assertThat(model.asked).containsExactly("what is RRF?");
        assertThat(cached.hits()).isEqualTo(1);
        cached.embed("what is BM25?");
        assertThat(model.asked).containsExactly("what is RRF?", "what is BM25?");
    }

    @Test
    void aBatchEmbedsOnlyTheTextsNotCachedAndKeepsTheOrder() {
        CountingModel model = new CountingModel();
        CachedQueryEmbeddings cached = new CachedQueryEmbeddings(model, 100);
        cached.embed("bb");
        List<Embedding> out = cached.embedAll(List.of(TextSegment.from("a"), TextSegment.from("bb"), TextSegment.from("ccc")))
                .content();
        assertThat(out).extracting(e -> e.vector()[0]).containsExactly(1f, 2f, 3f);
        assertThat(model.asked).containsExactly("bb", "a", "ccc");
    }

    @Test
    void sizeZeroCachesNothing() {
        CountingModel model = new CountingModel();
        CachedQueryEmbeddings cached = new CachedQueryEmbeddings(model, 0);
        cached.embed("x");
        cached.embed("x");
        assertThat(model.asked).containsExactly("x", "x");
    }
}
