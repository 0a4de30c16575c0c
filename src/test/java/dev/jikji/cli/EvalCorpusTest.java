package dev.jikji.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jikji eval --corpus … --questions …} over a corpus in the public sets' format that the test
 * writes itself (the public files are never copied into the repository): the passages are ingested
 * through the API and timed, every question searched and asked, and the figures follow their definitions.
 */
@QuarkusTest
@Tag("quarkus")
class EvalCorpusTest {

    @TestHTTPResource("/")
    URL server;

    @TempDir
    Path dir;

    static final List<Map<String, String>> PASSAGES = List.of(
            Map.of("id", "evalset/등대#0", "title", "제주 등대", "text",
                    "제주 우도 등대는 1906년에 처음 불을 밝혔다. 등대지기는 매일 밤 렌즈를 닦았다."),
            Map.of("id", "evalset/등대#1", "title", "제주 등대", "text",
                    "우도 등대 박물관은 2003년에 문을 열었으며 세계의 등대 모형을 전시한다."),
            Map.of("id", "evalset/glacier#0", "title", "Vatnajokull glacier", "text",
                    "The Vatnajokull glacier covers about eight percent of Iceland. Its ice cap hides several volcanoes."),
            Map.of("id", "evalset/glacier#1", "title", "Vatnajokull glacier", "text",
                    "Tourists visit the blue ice caves of the glacier mainly between November and March."));

    static final List<Map<String, Object>> QUESTIONS = List.of(
            Map.of("id", "q1", "question", "우도 등대가 처음 불을 밝힌 해는?", "answers", List.of("1906년"),
                    "gold_passage_id", "evalset/등대#0"),
            Map.of("id", "q2", "question", "우도 등대 박물관이 문을 연 해는 언제인가?", "answers", List.of("2003년"),
                    "gold_passage_id", "evalset/등대#1"),
            Map.of("id", "q3", "question", "How much of Iceland does the Vatnajokull glacier cover?",
                    "answers", List.of("about eight  percent", "8%"), "gold_passage_id", "evalset/glacier#0"),
            Map.of("id", "q4", "question", "When do tourists visit the blue ice caves of the glacier?",
                    "answers", List.of("between November and March"), "gold_passage_id", "evalset/glacier#1"));

    /** The passages leave the shared test index again, so other tests' figures do not move. */
    @AfterEach
    void removePassages() throws Exception {
        JikjiClient client = new JikjiClient(server.toString(), null);
        for (JsonNode d : client.listDocuments("evalset/")) client.delete(d.get("id").asText());
    }

    private Path write(String name, List<? extends Map<String, ?>> rows) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Map<String, ?> r : rows) sb.append(json.writeValueAsString(r)).append('\n');
        Path file = dir.resolve(name);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void ingestsTheCorpusThenSearchesAndAsksEveryQuestion() throws Exception {
        Path corpus = write("corpus.jsonl", PASSAGES);
        Path questions = write("questions.jsonl", QUESTIONS);
        CliRun r = CliRun.of("eval", "--server", server.toString(), "--corpus", corpus.toString(),
                "--questions", questions.toString(), "--batch-size", "3", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode m = r.json();
        JsonNode ingest = m.get("ingest");
        assertThat(ingest.get("documents").asInt()).isEqualTo(4);
        assertThat(ingest.get("created").asInt() + ingest.get("updated").asInt() + ingest.get("unchanged").asInt()).isEqualTo(4);
        assertThat(ingest.get("failed").asInt()).isZero();
        assertThat(ingest.get("chunks").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(ingest.get("docsPerSecond").asDouble()).isPositive();
        assertThat(ingest.get("chunksPerSecond").asDouble()).isPositive();

        JsonNode all = m.get("all");
        assertThat(all.get("questions").asInt()).isEqualTo(4);
        assertThat(all.get("asked").asInt()).isEqualTo(4);
        assertThat(all.get("recallAt1").asDouble()).as(r.out()).isCloseTo(1.0, within(1e-9));
        assertThat(all.get("mrr").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(all.has("answerContainment")).isTrue();
        assertThat(all.has("citesGold")).isTrue();
        assertThat(all.has("keywordHitRate")).isFalse();
        // languages come from the questions themselves
        assertThat(m.get("ko").get("questions").asInt()).isEqualTo(2);
        assertThat(m.get("en").get("questions").asInt()).isEqualTo(2);
        // the extractive answerer quotes the gold sentence for these plain questions
        assertThat(all.get("answerContainment").asDouble()).as(r.out()).isGreaterThanOrEqualTo(0.5);
        assertThat(all.get("citesGold").asDouble()).as(r.out()).isGreaterThanOrEqualTo(0.5);

        // again, already ingested: search only, a sample, the table
        CliRun again = CliRun.of("eval", "--server", server.toString(), "--corpus", corpus.toString(), "--skip-ingest",
                "--questions", questions.toString(), "--no-ask", "--sample", "3", "--seed", "7", "--threads", "2");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("3 questions").contains("search only").contains("R@1")
                .doesNotContain("Ingest:").doesNotContain("contains");
        CliRun limited = CliRun.of("eval", "--server", server.toString(), "--questions", questions.toString(),
                "--no-ask", "--limit", "1", "--json");
        assertThat(limited.json().get("all").get("questions").asInt()).isEqualTo(1);
        assertThat(limited.json().get("all").get("asked").asInt()).isZero();
        assertThat(limited.json().has("ingest")).isFalse();
    }

    /**
     * The public KorQuAD set, when {@code ../shared/eval} exists and {@code -Deval.public=true} asks for it
     * (it ingests 961 passages into the shared test index, which would move other tests' figures): a quick
     * sample, search only. Skips cleanly otherwise.
     */
    @Test
    void publicKorquadSampleWhenPresent() throws Exception {
        Path set = Path.of("..", "shared", "eval", "korquad-v1-dev");
        Assumptions.assumeTrue(Files.isRegularFile(set.resolve("corpus.jsonl")), "../shared/eval is absent");
        Assumptions.assumeTrue(Boolean.getBoolean("eval.public"), "run with -Deval.public=true");
        CliRun r = CliRun.of("eval", "--server", server.toString(), "--corpus", set.resolve("corpus.jsonl").toString(),
                "--questions", set.resolve("questions-dev.jsonl").toString(), "--sample", "200", "--no-ask", "--threads", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        System.out.println(r.out());
        assertThat(r.out()).contains("961 passages");
    }
}
