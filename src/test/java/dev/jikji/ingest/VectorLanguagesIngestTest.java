package dev.jikji.ingest;

import dev.jikji.onnx.OnnxSessionFactory;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.embed.EncoderSpec;
import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexMismatchException;
import dev.jikji.index.LuceneIndex;
import dev.jikji.index.VectorQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vectors only where a search can use them, on a real on-disk index with the real embedded e5-small-v2
 * (which declares English only): Korean chunks get none, English ones do, the record counts them, and
 * an index rebuilt for a model that declares Korean embeds the chunks that lacked vectors.
 */
class VectorLanguagesIngestTest {

    private static final String KOREAN = """
            # 휴가 신청

            휴가는 사내 포털에서 신청한다. 팀장이 승인하면 인사팀에 자동으로 전달된다. 연차는 입사일 기준으로 매년 15일이 주어진다.

            ## 반차

            반차는 오전과 오후 중 하나를 고른다. 반차 두 번은 연차 하루로 계산한다.
            """;

    private static final String ENGLISH = """
            # Expense claims

            Submit expense claims through the finance portal within thirty days. Receipts above fifty euros must be attached.

            ## Travel

            Train tickets are reimbursed in second class. Flights need the approval of a director before booking.
            """;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    /** The service as the server wires it, on {@code dir}, with {@code extra} configuration. */
    private record Stack(EmbeddingModels embeddings, LuceneIndex index, IngestService ingest) {}

    private Stack stack(Map<String, String> extra) {
        Map<String, String> cfg = new HashMap<>(Map.of("jikji.data.dir", dir.resolve("data").toString(),
                "jikji.embedding.model-dir", dir.resolve("no-model").toString()));
        cfg.putAll(extra);
        JikjiConfig config = StandaloneConfig.load(Map.of(), cfg);
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        open.add(embeddings::close);
        LuceneIndex index = new LuceneIndex(config, embeddings, json);
        open.add(index::close);
        return new Stack(embeddings, index, new IngestService(index, embeddings, config, json));
    }

    private static DocumentInput markdown(String id, String text) {
        return new DocumentInput(id, null, text, null, "text/markdown", Map.of(), null);
    }

    private static int chunksWithVectors(LuceneIndex index, String documentId) {
        return index.withSearcher(s -> s.count(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(IndexFields.VECTOR), BooleanClause.Occur.FILTER).build()));
    }

    private static List<String> languagesOf(LuceneIndex index, String documentId) {
        return index.withSearcher(s -> {
            List<String> out = new ArrayList<>();
            for (ScoreDoc d : s.search(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_CHUNK)), BooleanClause.Occur.FILTER)
                    .build(), 100).scoreDocs) {
                out.add(s.storedFields().document(d.doc).get(IndexFields.LANGUAGE));
            }
            return out;
        });
    }

    @Test
    void koreanChunksGetNoVectorEnglishOnesDoAndTheRecordSaysHowMany() {
        Stack s = stack(Map.of());
        assertThat(s.embeddings().vectorLanguages().fingerprint()).isEqualTo("en");
        List<IngestResult> results = s.ingest().ingestAll(List.of(markdown("hr/leave.md", KOREAN),
                markdown("finance/expenses.md", ENGLISH)));
        assertThat(results).extracting(IngestResult::status).containsOnly(IngestResult.Status.CREATED);

        var korean = s.index().document("hr/leave.md").orElseThrow();
        var english = s.index().document("finance/expenses.md").orElseThrow();
        assertThat(korean.chunks()).isPositive();
        assertThat(korean.embeddedChunks()).isZero();
        assertThat(chunksWithVectors(s.index(), "hr/leave.md")).isZero();
        assertThat(languagesOf(s.index(), "hr/leave.md")).isNotEmpty().containsOnly("ko");
        assertThat(english.chunks()).isPositive();
        assertThat(english.embeddedChunks()).isEqualTo(english.chunks());
        assertThat(chunksWithVectors(s.index(), "finance/expenses.md")).isEqualTo(english.chunks());
        assertThat(languagesOf(s.index(), "finance/expenses.md")).containsOnly("en");
        assertThat(s.index().countEmbeddedChunks()).isEqualTo(english.chunks());
        assertThat(s.index().countChunks()).isEqualTo(korean.chunks() + english.chunks());

        // the vector leg can only return English chunks, even for a question about leave
        float[] q = s.embeddings().queryModel().embed("how many days of annual leave").content().vector();
        List<String> nearest = s.index().withSearcher(x -> {
            List<String> ids = new ArrayList<>();
            for (ScoreDoc d : x.search(VectorQuery.nearest(q, 10, null, 50_000, 100), 10).scoreDocs) {
                ids.add(x.storedFields().document(d.doc).get(IndexFields.DOC_ID));
            }
            return ids;
        });
        assertThat(nearest).isNotEmpty().containsOnly("finance/expenses.md");

        // re-sending the same content is unchanged, and keeps the counts
        assertThat(s.ingest().ingestAll(List.of(markdown("hr/leave.md", KOREAN))))
                .extracting(IngestResult::status).containsExactly(IngestResult.Status.UNCHANGED);
    }

    @Test
    void embedAllLanguagesWhenConfigurationAsksForIt() {
        Stack s = stack(Map.of("jikji.embedding.uncovered-languages", "embed"));
        assertThat(s.embeddings().vectorLanguages().fingerprint()).isEqualTo("*");
        s.ingest().ingestAll(List.of(markdown("hr/leave.md", KOREAN)));
        var korean = s.index().document("hr/leave.md").orElseThrow();
        assertThat(korean.embeddedChunks()).isEqualTo(korean.chunks()).isPositive();
        assertThat(chunksWithVectors(s.index(), "hr/leave.md")).isEqualTo(korean.chunks());
    }

    @Test
    void koreanIsChunkedInCharactersWhenItGetsNoVector() {
        StringBuilder text = new StringBuilder("# 규정\n\n");
        for (int i = 1; i <= 60; i++) text.append("규정 ").append(i).append("조는 직원의 근무 시간과 휴게 시간을 정한다. ");
        Stack s = stack(Map.of("jikji.chunking.target-characters", "300", "jikji.chunking.overlap-characters", "0"));
        s.ingest().ingestAll(List.of(markdown("hr/rules.md", text.toString())));
        List<dev.jikji.index.StoredChunk> chunks = s.index().chunksOf("hr/rules.md", null, 100);
        assertThat(chunks).hasSizeGreaterThan(3);
        for (var c : chunks) assertThat(Chunker.CHARACTERS.count(c.text())).isLessThanOrEqualTo(300);
        // 300 characters are ~1.5x as many WordPiece tokens: the old token sizing (256) would cut smaller
        assertThat(chunks.stream().mapToInt(c -> s.embeddings().tokenCounter().count(c.text())).max().orElseThrow())
                .isGreaterThan(256);
    }

    @Test
    void aModelDeclaringKoreanIsAModelChangeAndTheRebuildEmbedsTheChunksThatLackedVectors() throws Exception {
        Stack before = stack(Map.of());
        before.ingest().ingestAll(List.of(markdown("hr/leave.md", KOREAN), markdown("finance/expenses.md", ENGLISH)));
        int koreanChunks = before.index().document("hr/leave.md").orElseThrow().chunks();
        assertThat(before.index().document("hr/leave.md").orElseThrow().embeddedChunks()).isZero();
        close();
        open.clear();

        // the same weights with an embedding.json that declares Korean too: a stand-in for a multilingual export,
        // enough to drive the path (its Korean vectors are no better than the English model's)
        Path model = dir.resolve("model-ko");
        Files.createDirectories(model);
        EncoderSpec.Located embedded = EncoderSpec.embedded();
        Files.copy(embedded.model(), model.resolve(EncoderSpec.MODEL_FILE));
        Files.copy(embedded.tokenizer(), model.resolve(EncoderSpec.TOKENIZER_FILE));
        Files.writeString(model.resolve(EncoderSpec.SPEC_FILE), """
                {"name": "test/e5-small-v2-declared-ko", "dimension": 384, "maxLength": 512, "pooling": "mean",
                 "normalize": true, "queryPrefix": "query: ", "passagePrefix": "passage: ", "languages": ["en", "ko"]}
                """);

        // refused by default, naming what differs
        Map<String, String> installed = Map.of("jikji.embedding.model-dir", model.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack(installed))
                .isInstanceOf(IndexMismatchException.class).hasMessageContaining(IndexFields.COMMIT_VECTOR_LANGUAGES);
        close();
        open.clear();

        Map<String, String> reindex = new HashMap<>(installed);
        reindex.put("jikji.index.on-model-mismatch", "reindex");
        Stack after = stack(reindex);
        assertThat(after.index().reindexSource()).isPresent();
        Reindexer.rebuild(after.index().reindexSource().get(), after.ingest(), json);
        var korean = after.index().document("hr/leave.md").orElseThrow();
        assertThat(korean.embeddedChunks()).isEqualTo(korean.chunks()).isPositive();
        assertThat(chunksWithVectors(after.index(), "hr/leave.md")).isEqualTo(korean.chunks());
        // with Korean declared, the model's own tokenizer sizes Korean chunks again
        assertThat(korean.chunks()).isGreaterThanOrEqualTo(koreanChunks);
        assertThat(after.index().countEmbeddedChunks()).isEqualTo(after.index().countChunks());
    }

    /** The same model asked to embed Korean too: the English vectors are kept, only the chunks without one are embedded. */
    @Test
    void embeddingUncoveredLanguagesWithTheSameModelEmbedsOnlyTheChunksThatLackedVectors() throws Exception {
        Stack before = stack(Map.of());
        before.ingest().ingestAll(List.of(markdown("hr/leave.md", KOREAN), markdown("finance/expenses.md", ENGLISH)));
        int english = before.index().document("finance/expenses.md").orElseThrow().embeddedChunks();
        assertThat(english).isPositive();
        close();
        open.clear();

        Stack after = stack(Map.of("jikji.embedding.uncovered-languages", "embed", "jikji.index.on-model-mismatch", "reindex"));
        Reindexer.Rebuilt r = Reindexer.rebuild(after.index().reindexSource().orElseThrow(), after.ingest(), json);
        var korean = after.index().document("hr/leave.md").orElseThrow();
        assertThat(r.carried()).isEqualTo(english);
        assertThat(r.embedded()).isEqualTo(korean.chunks()).isPositive();
        assertThat(after.index().countEmbeddedChunks()).isEqualTo(after.index().countChunks());
    }
}
