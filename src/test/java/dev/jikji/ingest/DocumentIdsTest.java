package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    @Test
    void lookAlikeSeparatorsAndInvisibleCharactersAreRefused() {
        for (String id : List.of("wiki\u2215vpn", "wiki\u2044vpn", "wiki\uFF0Fvpn", "wiki\uFF3Cvpn", "a/\u2025/b",
                "wiki/\u200Bvpn", "wiki/vpn\u200D", "\uFEFFwiki", "wiki\u202Evpn", "wiki/\u3164", "x\uFE0F", "x\uFFFD",
                "x\u00A0y", "x\uD800")) {
            assertThatThrownBy(() -> DocumentIds.check(id)).as(id).isInstanceOf(InvalidFieldException.class)
                    .hasMessageContaining("U+");
        }
    }

    @Test
    void ordinaryIdsInKoreanAndOtherScriptsPass() {
        for (String id : List.of("wiki/vpn.md", "인사/휴가 규정.md", "日本語/ノート.txt", "docs/release-v1.2 (final).pdf",
                "café/naïve.md", "a b/c")) {
            DocumentIds.check(id);
        }
    }

    @Test
    void idsAreNormalisedToNfc() {
        String nfd = Normalizer.normalize("휴가 규정.md", Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo("휴가 규정.md");
        assertThat(DocumentIds.normalize(nfd)).isEqualTo("휴가 규정.md");
    }
}
