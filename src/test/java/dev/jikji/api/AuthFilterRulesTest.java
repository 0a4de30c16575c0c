package dev.jikji.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.auth.Role;
import org.junit.jupiter.api.Test;

/** Which paths are open and which role a call needs, including paths written to dodge the rules. */
class AuthFilterRulesTest {

    @Test
    void onlyQuarkusEndpointsSlackAndTheWebPagesFilesAreOpen() {
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/q/health/ready"))).isTrue();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/q/metrics"))).isTrue();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/slack/events"))).isTrue();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/api/v1/search"))).isFalse();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/q/../api/v1/search"))).isFalse();
        // the web page's static files are public; the API calls they make carry the key
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/"))).isTrue();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/index.html"))).isTrue();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/ui/app.js"))).isTrue();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/ui/../api/v1/documents"))).isFalse();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/api/v1/feedback"))).isFalse();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/slack/../api/v1/documents"))).isFalse();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/qq/health"))).isFalse();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/index.html/../api/v1/search"))).isFalse();
        assertThat(AuthFilter.isOpen(AuthFilter.normalize("/uix/secret"))).isFalse();
        assertThat(AuthFilter.normalize("//api///v1/documents")).isEqualTo("/api/v1/documents");
    }

    @Test
    void writesOnDocumentsNeedWriteEverythingElseRead() {
        assertThat(AuthFilter.required("POST", "/api/v1/documents")).isEqualTo(Role.WRITE);
        assertThat(AuthFilter.required("DELETE", "/api/v1/documents/a/b")).isEqualTo(Role.WRITE);
        assertThat(AuthFilter.required("PUT", "/api/v1/documents/a")).isEqualTo(Role.WRITE);
        assertThat(AuthFilter.required("GET", "/api/v1/documents/a")).isEqualTo(Role.READ);
        assertThat(AuthFilter.required("POST", "/api/v1/search")).isEqualTo(Role.READ);
        assertThat(AuthFilter.required("POST", "/api/v1/ask")).isEqualTo(Role.READ);
    }
}
