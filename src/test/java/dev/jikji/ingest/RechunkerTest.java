package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.StoredChunk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored documents made under other chunking rules are made again from their stored originals, and only they; on a
 * real on-disk index with the real embedded e5-small-v2. A change of {@code jikji.chunking.*} stands in for a release
 * that changes {@link IngestService#RULES}: both change the content hash the same way.
 */
class RechunkerTest {

    @TempDir
    Path dir;

    private IngestFixture f;

    @BeforeEach
    void open() {
        f = new IngestFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private IngestService ingest(Map<String, String> extra) {
        return f.ingest(extra);
    }

    private static final String LONG_ENGLISH = ("The badge office on the ground floor prints a new badge while you wait,"
            + " and a lost badge is blocked the same hour. ").repeat(40);
    private static final String KOREAN = ("출입증은 1층 출입증 사무실에서 기다리는 동안 새로 발급하며, 분실한 출입증은 같은 시간 안에 막는다. ").repeat(30);

    private List<DocumentInput> documents() {
        return List.of(
                new DocumentInput("badges.md", null, "# Badges\n\n" + LONG_ENGLISH, null, "text/markdown", Map.of(),
                        List.of("staff")),
                new DocumentInput("badges-ko.md", null, "# 출입증\n\n" + KOREAN, null, "text/markdown",
                        Map.of("team", "facilities"), null),
                new DocumentInput("short.md", null, "# Mail\n\nParcels are collected at reception before noon.", null,
                        "text/markdown", Map.of(), null));
    }

    @Test
    void aStoredDocumentUnderTheSameRulesIsLeftAsItIs() {
        ingest(Map.of()).ingestAll(documents());
        Rechunker.Refreshed r = new Rechunker().run(f.index, ingest(Map.of()), f.json);
        assertThat(r.checked()).isEqualTo(3);
        assertThat(r.refreshed()).as("its original hashes to what is stored").isZero();
        assertThat(r.skipped()).isZero();
    }

    @Test
    void documentsMadeUnderOtherChunkingRulesAreMadeAgainFromTheirOriginals() {
        ingest(Map.of()).ingestAll(documents());
        int englishBefore = f.index.chunksOf("badges.md", null, 1000).size();
        int koreanBefore = f.index.chunksOf("badges-ko.md", null, 1000).size();
        String acl = String.join(",", f.index.document("badges.md").orElseThrow().acl());

        IngestService smaller = ingest(Map.of("jikji.chunking.target-tokens", "64", "jikji.chunking.overlap-tokens", "8",
                "jikji.chunking.target-characters", "200", "jikji.chunking.overlap-characters", "20"));
        Rechunker.Refreshed r = new Rechunker().run(f.index, smaller, f.json);

        assertThat(r.checked()).isEqualTo(3);
        assertThat(r.refreshed()).isEqualTo(3);
        assertThat(r.failed()).isZero();
        assertThat(f.index.chunksOf("badges.md", null, 1000)).hasSizeGreaterThan(englishBefore);
        assertThat(f.index.chunksOf("badges-ko.md", null, 1000)).hasSizeGreaterThan(koreanBefore);
        // what the original carried stays: ACL and metadata
        assertThat(String.join(",", f.index.document("badges.md").orElseThrow().acl())).isEqualTo(acl);
        assertThat(f.index.document("badges-ko.md").orElseThrow().metadata()).containsEntry("team", "facilities");
        // the one-chunk document is cut the same: its vector is the stored one, not embedded again
        assertThat(f.events.getLast().vectorsReused()).isEqualTo(1);
        // and a second pass under the new rules has nothing to read: the index records that they were checked
        assertThat(f.index.rulesChecked()).contains(smaller.rules());
        assertThat(new Rechunker().run(f.index, smaller, f.json).checked()).isZero();
        // which survives a restart, apart from the models and analysis checked at open
        f.reopen();
        assertThat(f.index.rulesChecked()).contains(smaller.rules());
        assertThat(new Rechunker().run(f.index, ingest(Map.of()), f.json).refreshed()).as("back to the first rules").isEqualTo(3);
    }

    @Test
    void aDocumentWrittenOrDeletedSinceItsOriginalWasReadIsLeftAsItIsNow() {
        IngestService ingest = ingest(Map.of());
        ingest.ingestAll(documents());
        String storedHash = f.index.document("badges.md").orElseThrow().hash();
        String shortHash = f.index.document("short.md").orElseThrow().hash();
        DocumentInput old = documents().get(0);
        DocumentInput oldShort = documents().get(2);
        // meanwhile: an editor sends a new version of one, and deletes the other
        ingest.ingestAll(List.of(new DocumentInput("badges.md", null, "# Badges\n\nBadges are now issued online.", null,
                "text/markdown", Map.of(), List.of("staff"))));
        ingest.delete("short.md");

        IngestService smaller = ingest(Map.of("jikji.chunking.target-tokens", "64", "jikji.chunking.overlap-tokens", "8"));
        List<IngestResult> results = smaller.refresh(List.of(old, oldShort), List.of(storedHash, shortHash));

        assertThat(results).extracting(IngestResult::status).containsOnly(IngestResult.Status.UNCHANGED);
        assertThat(f.index.chunksOf("badges.md", null, 100)).extracting(StoredChunk::text)
                .containsExactly("Badges are now issued online.");
        assertThat(f.index.document("short.md")).as("not brought back").isEmpty();
    }
}
