package dev.jikji.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.api.CorpusFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jikji ask and jikji eval against the real server. */
@QuarkusTest
@Tag("quarkus")
class AskCliTest {

    @TestHTTPResource("/")
    URL server;

    @TempDir
    Path tmp;

    @BeforeEach
    void corpus() throws Exception {
        CorpusFixture.ingest();
    }

    @Test
    void askStreamsTheAnswerThenListsItsSources() {
        CliRun r = CliRun.of("ask", "API", "키", "교체", "주기는", "어떻게", "되나요?", "--server", server.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("90일").contains("Sources:").contains("[1] ").contains("security-and-access-policy.md")
                .contains("extractive");
    }

    @Test
    void analyzeShowsTheTermsATextBecomes() {
        CliRun r = CliRun.of("analyze", "가온누리는", "VPNs", "--server", server.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("vpn").contains("VPNs [6,10)").contains("analysis nori:discard").contains("0 synonym rules");
        // terms line up in a terminal: a Hangul syllable takes two columns
        assertThat(AnalyzeCommand.padded("가온", 16)).hasSize(2 + 12);
        assertThat(AnalyzeCommand.padded("vpn", 16)).hasSize(16);
    }

    @Test
    void askJsonPrintsTheServersAnswer() throws Exception {
        CliRun r = CliRun.of("ask", "Which team won the 2025 internal hackathon?", "--json", "--server", server.toString());
        JsonNode json = r.json();
        assertThat(json.get("abstained").asBoolean()).isTrue();
        assertThat(json.get("sources")).isNotEmpty();
    }

    @Test
    void evalMeasuresAQaSet() throws Exception {
        Path qa = tmp.resolve("qa.jsonl");
        Files.writeString(qa, """
                {"id":"k1","language":"ko","question":"API 키 교체 주기는 어떻게 되나요?","documentIds":["security-and-access-policy.md"],"keywords":["90일"],"answerable":true}
                {"id":"e1","language":"en","question":"Who acts as release captain for a given cycle?","documentIds":["release-process.md"],"keywords":["on-call engineer"],"answerable":true}
                {"id":"u1","language":"en","question":"Which team won the 2025 internal hackathon?","documentIds":[],"keywords":[],"answerable":false}
                """);
        CliRun r = CliRun.of("eval", "--questions", qa.toString(), "--json", "--server", server.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode all = r.json().get("all");
        assertThat(all.get("questions").asInt()).isEqualTo(3);
        assertThat(all.get("recallAt5").asDouble()).isEqualTo(1.0);
        assertThat(all.get("keywordHitRate").asDouble()).isEqualTo(1.0);
        assertThat(all.get("abstentionAccuracy").asDouble()).isEqualTo(1.0);
        assertThat(all.get("citationPrecision").asDouble()).isGreaterThan(0.0);

        CliRun table = CliRun.of("eval", "--questions", qa.toString(), "-v", "--server", server.toString());
        assertThat(table.out()).contains("QA evaluation").contains("R@10").contains("unanswerable");
    }
}
