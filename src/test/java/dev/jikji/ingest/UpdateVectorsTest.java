package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.events.DocumentsIngested;
import dev.jikji.index.ReindexSource;
import dev.jikji.index.StoredChunk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update embeds only the chunks it changed: the others keep the vectors the index holds (same model, same
 * title, headings and text), on a real on-disk index with the real embedded e5-small-v2.
 */
class UpdateVectorsTest {

    @TempDir
    Path dir;

    private IngestFixture f;
    private IngestService ingest;

    @BeforeEach
    void open() {
        f = new IngestFixture(dir);
        ingest = f.ingest(Map.of());
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Six sections, each long enough to be a chunk of its own; {@code section} 3's text is {@code third}. */
    private static DocumentInput handbook(String third) {
        StringBuilder text = new StringBuilder("# Office handbook\n\n");
        String[] topics = {"Parking", "Badges", "Printers", "Kitchen", "Mail", "Visitors"};
        for (int s = 0; s < topics.length; s++) {
            text.append("## ").append(topics[s]).append("\n\n");
            String body = s == 2 ? third : ("The " + topics[s].toLowerCase() + " rules of the office are kept by the"
                    + " facilities team, who answer questions on weekdays. ");
            text.append(body.repeat(s == 2 ? 1 : 14)).append("\n\n");
        }
        return new DocumentInput("handbook.md", null, text.toString(), null, "text/markdown", Map.of(), null);
    }

    private static final String PRINTERS = "Printers on every floor print in black and white; colour printing is on the"
            + " second floor only, and large jobs go to the print room overnight. ".repeat(6);

    @Test
    void anUpdateEmbedsOnlyTheChunksItChangedAndKeepsTheOthersVectors() {
        ingest.ingestAll(List.of(handbook(PRINTERS)));
        int chunks = f.index.countChunks();
        assertThat(chunks).as("one chunk a section at least").isGreaterThanOrEqualTo(6);
        assertThat(f.events.getLast().vectorsEmbedded()).isEqualTo(chunks);
        assertThat(f.events.getLast().vectorsReused()).isZero();
        Map<String, float[]> before = f.index.vectorsOf("handbook.md");
        assertThat(before).hasSize(chunks);

        String edited = PRINTERS.replace("second floor", "third floor");
        List<IngestResult> r = ingest.ingestAll(List.of(handbook(edited)));

        assertThat(r.getFirst().status()).isEqualTo(IngestResult.Status.UPDATED);
        DocumentsIngested update = f.events.getLast();
        assertThat(f.index.countChunks()).isEqualTo(chunks);
        Map<String, float[]> after = f.index.vectorsOf("handbook.md");
        List<String> changed = after.keySet().stream().filter(k -> !before.containsKey(k)).toList();
        assertThat(changed).as("the printers section's chunks").isNotEmpty().allMatch(k -> k.contains("third floor"));
        assertThat(update.vectorsEmbedded()).isEqualTo(changed.size());
        assertThat(update.vectorsReused()).isEqualTo(chunks - changed.size()).isPositive();
        after.forEach((key, v) -> {
            if (before.containsKey(key)) assertThat(v).as("kept: %s", key).containsExactly(before.get(key));
        });
        // the changed chunk's vector is of its new text: its own embedding, not a neighbour's
        StoredChunk printers = f.index.chunksOf("handbook.md", null, 100).stream()
                .filter(c -> c.text().contains("third floor")).findFirst().orElseThrow();
        Chunk asChunk = new Chunk(0, printers.headingPath(), printers.text(), 0, 0, 0);
        float[] fresh = f.embeddings.passageModel().embed(asChunk.contextualText(printers.title())).content().vector();
        float[] stored = after.get(ReindexSource.chunkKey(printers.title(), printers.headingPath(), printers.text()));
        assertThat(cosine(stored, fresh)).isGreaterThan(0.99);
    }

    @Test
    void sendingTheSameDocumentAgainEmbedsNothing() {
        ingest.ingestAll(List.of(handbook(PRINTERS)));
        List<IngestResult> r = ingest.ingestAll(List.of(handbook(PRINTERS)));
        assertThat(r.getFirst().status()).isEqualTo(IngestResult.Status.UNCHANGED);
        assertThat(f.events.getLast().vectorsEmbedded()).isZero();
        assertThat(f.events.getLast().documents()).isZero();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
