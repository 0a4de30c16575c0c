package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.IndexDirectories;
import dev.jikji.index.IndexFields;
import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.LuceneIndex;
import dev.jikji.index.ReindexSource;
import dev.jikji.onnx.OnnxSessionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild's order with an old index that others still write (SolrCloud replicas on the earlier
 * configuration): every original, then what was written to the old index since the rebuild began, and only
 * then the switch ({@link ReindexSource#discard}); on a real on-disk index with the real pipeline.
 */
class ReindexerTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    /** Originals in memory; a replica "writes" {@code meanwhile} to the old index while the first pass runs. */
    private final class SharedOldIndex implements ReindexSource {
        final List<String> originals = new ArrayList<>();
        final List<String> meanwhile = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        Instant passStarted;
        Instant askedSince;

        @Override
        public String describe() {
            return "old index in memory";
        }

        @Override
        public int size() {
            return originals.size();
        }

        @Override
        public void forEachOriginal(Consumer<String> original) {
            calls.add("all");
            passStarted = Instant.now();
            List<String> before = List.copyOf(originals);
            originals.addAll(meanwhile); // written by another replica during the pass, after it read past them
            before.forEach(original);
        }

        @Override
        public void forEachOriginalSince(Instant since, Consumer<String> original) {
            calls.add("since");
            if (askedSince == null) askedSince = since;
            // what the old index holds with ingestedAt >= since: the documents written meanwhile (once)
            if (calls.stream().filter("since"::equals).count() == 1) meanwhile.forEach(original);
        }

        @Override
        public void discard() {
            calls.add("discard");
        }
    }

    private String original(String id, String text) throws Exception {
        return json.writeValueAsString(new DocumentInput(id, null, text, null, "text/markdown", Map.of(), null));
    }

    @Test
    void documentsWrittenToTheOldIndexDuringTheRebuildAreCaughtUpBeforeTheSwitch() throws Exception {
        JikjiConfig config = StandaloneConfig.load(Map.of(), Map.of("jikji.data.dir", dir.resolve("data").toString(),
                "jikji.embedding.model-dir", dir.resolve("no-model").toString()));
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        LuceneIndex index = new LuceneIndex(config, embeddings, json);
        try {
            IngestService ingest = new IngestService(index, embeddings, config, json);
            SharedOldIndex old = new SharedOldIndex();
            old.originals.add(original("a.md", "# Alpacas\n\nAlpacas are shorn once a year in spring."));
            old.originals.add(original("b.md", "# Bees\n\nBees are counted at the hive entrance at dawn."));
            old.meanwhile.add(original("c.md", "# Cranes\n\nCranes fly south in long lines each autumn."));

            Reindexer.rebuild(old, ingest, json);

            assertThat(index.document("a.md")).isPresent();
            assertThat(index.document("b.md")).isPresent();
            assertThat(index.document("c.md")).as("written to the old index during the pass").isPresent();
            // the catch-up asks from before the pass began (a margin for the writers' clocks), and ends with a
            // round that finds nothing; then, and only then, the switch
            assertThat(old.askedSince).isBefore(old.passStarted);
            assertThat(old.calls).containsExactly("all", "since", "since", "discard");
        } finally {
            index.close();
            embeddings.close();
        }
    }

    private List<DocumentInput> handbook() {
        return List.of(
                new DocumentInput("it/laptops.md", null, "# Laptops\n\n## Returns\n\nA laptop is returned to the IT desk on"
                        + " the last working day.\n\n## Repairs\n\nA broken screen is replaced within three days.", null,
                        "text/markdown", Map.of(), null),
                new DocumentInput("hr/leave.md", null, "# Leave\n\nAnnual leave is requested two weeks ahead in the HR portal.",
                        null, "text/markdown", Map.of(), null),
                new DocumentInput("hr/leave-ko.md", null, "# 휴가\n\n연차는 두 주 전에 인사 포털에서 신청한다.", null,
                        "text/markdown", Map.of(), null));
    }

    /** A synonyms file or a company dictionary changes the analysis, not the vectors: none is embedded again. */
    @Test
    void aChangeOfAnalysisAloneCarriesTheVectorsOverInsteadOfEmbeddingEveryChunkAgain() throws Exception {
        Path data = dir.resolve("carry");
        Map<String, String> base = Map.of("jikji.data.dir", data.toString(),
                "jikji.embedding.model-dir", dir.resolve("no-model").toString());
        JikjiConfig config = StandaloneConfig.load(Map.of(), base);
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        try {
            LuceneIndex index = new LuceneIndex(config, embeddings, json);
            new IngestService(index, embeddings, config, json).ingestAll(handbook());
            int embeddedChunks = index.countEmbeddedChunks();
            index.close();
            Map<String, float[]> before = vectors(data.resolve("index"));
            assertThat(before).hasSize(embeddedChunks).hasSizeGreaterThanOrEqualTo(3); // English chunks only

            Path synonyms = dir.resolve("synonyms.txt");
            Files.writeString(synonyms, "notebook, laptop\n");
            Map<String, String> changed = new HashMap<>(base);
            changed.put("jikji.search.synonyms", synonyms.toString());
            changed.put("jikji.index.on-model-mismatch", "reindex");
            JikjiConfig withSynonyms = StandaloneConfig.load(Map.of(), changed);
            LuceneIndex rebuilt = new LuceneIndex(withSynonyms, embeddings, json);
            try {
                ReindexSource previous = rebuilt.reindexSource().orElseThrow();
                Reindexer.Rebuilt r = Reindexer.rebuild(previous, new IngestService(rebuilt, embeddings, withSynonyms, json), json);
                assertThat(r.reingested()).isEqualTo(3);
                assertThat(r.failed()).isZero();
                assertThat(r.carried()).isEqualTo(embeddedChunks);
                assertThat(r.embedded()).isZero();
                assertThat(rebuilt.countEmbeddedChunks()).isEqualTo(embeddedChunks);
                assertThat(rebuilt.reindexSource()).as("discarded: the index is whole again").isEmpty();
                assertThat(rebuilt.analyzer().fingerprint()).contains("+syn:");
            } finally {
                rebuilt.close();
            }
            Map<String, float[]> after = vectors(data.resolve("index"));
            assertThat(after.keySet()).isEqualTo(before.keySet());
            before.forEach((key, v) -> assertThat(after.get(key)).as(key).containsExactly(v));
        } finally {
            embeddings.close();
        }
    }

    /** Vectors of another model are never carried over, even of the same dimension: every chunk is embedded. */
    @Test
    void anIndexBuiltByAnotherModelHasEveryChunkEmbeddedAgain() throws Exception {
        Path data = dir.resolve("other");
        JikjiConfig config = StandaloneConfig.load(Map.of(), Map.of("jikji.data.dir", data.toString(),
                "jikji.embedding.model-dir", dir.resolve("no-model").toString(), "jikji.index.on-model-mismatch", "reindex"));
        EmbeddingModels embeddings = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        try {
            LuceneIndex old = new LuceneIndex(data.resolve("index"), JikjiAnalyzer.of(config.search()),
                    "another-model|dim=" + embeddings.spec().dimension(), embeddings.vectorLanguages().fingerprint(),
                    config.index(), json, IndexDirectories.FILE_SYSTEM);
            new IngestService(old, embeddings, config, json).ingestAll(handbook());
            int embeddedChunks = old.countEmbeddedChunks();
            old.close();

            LuceneIndex rebuilt = new LuceneIndex(config, embeddings, json);
            try {
                Reindexer.Rebuilt r = Reindexer.rebuild(rebuilt.reindexSource().orElseThrow(),
                        new IngestService(rebuilt, embeddings, config, json), json);
                assertThat(r.carried()).isZero();
                assertThat(r.embedded()).isEqualTo(embeddedChunks).isPositive();
                assertThat(rebuilt.countEmbeddedChunks()).isEqualTo(embeddedChunks);
            } finally {
                rebuilt.close();
            }
        } finally {
            embeddings.close();
        }
    }

    /** Every vector of the index at {@code path}, by chunk (document id and ordinal). */
    private static Map<String, float[]> vectors(Path path) throws Exception {
        Map<String, float[]> out = new HashMap<>();
        try (var d = FSDirectory.open(path); DirectoryReader reader = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
                if (values == null) continue;
                var stored = leaf.reader().storedFields();
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    if (leaf.reader().getLiveDocs() != null && !leaf.reader().getLiveDocs().get(doc)) continue;
                    out.put(stored.document(doc).get(IndexFields.CHUNK_ID), values.vectorValue(it.index()).clone());
                }
            }
        }
        return out;
    }
}
