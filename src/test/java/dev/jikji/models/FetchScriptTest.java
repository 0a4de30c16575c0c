package dev.jikji.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * onnx-models/fetch against a loopback server laid out like Hugging Face ({@code /{repo}/resolve/{rev}/{path}},
 * LFS files declaring their SHA-256 in X-Linked-Etag), and the shipped models.lock against the layout the
 * service loads.
 */
class FetchScriptTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, String> declared = new HashMap<>();
    private final List<String> authorizations = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            if (declared.containsKey(path)) exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + declared.get(path) + "\"");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(String path, String content, boolean lfs) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        files.put(path, b);
        if (lfs) declared.put(path, sha(b));
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int exit, String output) {}

    private Run fetch(Path lock, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "onnx-models/fetch", "--lock", lock.toString(), "--dir",
                tmp.resolve("models").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HF_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
        pb.environment().put("HF_TOKEN", "hf_secret_token_123");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private Path lock(String... lines) throws IOException {
        Path lock = tmp.resolve("models.lock");
        Files.writeString(lock, "# test lock\n" + String.join("\n", lines) + "\n");
        return lock;
    }

    @Test
    void downloadsLaysOutChecksAndPins() throws Exception {
        serve("/org/enc/resolve/main/onnx/model_quantized.onnx", "weights-v1", true);
        serve("/org/enc/resolve/main/tokenizer.json", "{\"tok\":1}", false);
        serve("/org/llm/resolve/main/onnx/model_fp16.onnx", "graph", true);
        serve("/org/llm/resolve/main/onnx/model_fp16.onnx_data", "fp16-data", true);
        serve("/org/llm/resolve/main/onnx/model_q4.onnx", "q4", true);
        Path lock = lock(
                "all\tembedding\torg/enc\tmain\tonnx/model_quantized.onnx\tmodel.onnx\t-",
                "all\tembedding\torg/enc\tmain\ttokenizer.json\ttokenizer.json\t-",
                "cpu\tgenerator\torg/llm\tmain\tonnx/model_q4.onnx\tmodel.onnx\t-",
                "gpu\tgenerator\torg/llm\tmain\tonnx/model_fp16.onnx\tmodel.onnx\t-",
                "gpu\tgenerator\torg/llm\tmain\tonnx/model_fp16.onnx_data\tmodel_fp16.onnx_data\t-");

        Run r = fetch(lock, "--set", "gpu", "--pin");
        assertThat(r.exit()).as(r.output()).isZero();
        Path models = tmp.resolve("models");
        assertThat(models.resolve("embedding/model.onnx")).hasContent("weights-v1");
        assertThat(models.resolve("embedding/tokenizer.json")).hasContent("{\"tok\":1}");
        assertThat(models.resolve("embedding/embedding.json")).exists();
        assertThat(models.resolve("generator/model.onnx")).hasContent("graph");
        assertThat(models.resolve("generator/model_fp16.onnx_data")).hasContent("fp16-data");
        assertThat(r.output()).doesNotContain("hf_secret_token_123");
        assertThat(authorizations).contains("Bearer hf_secret_token_123");
        // --pin recorded every hash; a second run keeps the files without downloading them again
        String pinned = Files.readString(lock);
        assertThat(pinned).contains(sha("weights-v1".getBytes(StandardCharsets.UTF_8)))
                .contains(sha("{\"tok\":1}".getBytes(StandardCharsets.UTF_8)))
                .contains("onnx/model_q4.onnx\tmodel.onnx\t-\n"); // the cpu set was not fetched, so not pinned
        assertThat(pinned.lines().filter(l -> l.startsWith("all") || l.startsWith("gpu"))).noneMatch(l -> l.endsWith("\t-"));
        Run again = fetch(lock, "--set", "gpu");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("fetched 0, already present 4");
    }

    @Test
    void aFileThatDoesNotMatchTheDeclaredHashIsRejectedAndRemoved() throws Exception {
        serve("/org/enc/resolve/main/onnx/model_quantized.onnx", "truncated", false);
        declared.put("/org/enc/resolve/main/onnx/model_quantized.onnx", sha("the real weights".getBytes(StandardCharsets.UTF_8)));
        Run r = fetch(lock("all\tembedding\torg/enc\tmain\tonnx/model_quantized.onnx\tmodel.onnx\t-"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("Hugging Face declares");
        assertThat(tmp.resolve("models/embedding/model.onnx")).doesNotExist();
        assertThat(tmp.resolve("models/embedding/model.onnx.part")).doesNotExist();
    }

    @Test
    void aFileThatChangedUpstreamIsRefusedAgainstThePin() throws Exception {
        serve("/org/enc/resolve/main/tokenizer.json", "changed", false);
        Run r = fetch(lock("all\tembedding\torg/enc\tmain\ttokenizer.json\ttokenizer.json\t"
                + sha("original".getBytes(StandardCharsets.UTF_8))));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("models.lock pins");
        assertThat(tmp.resolve("models/embedding/tokenizer.json")).doesNotExist();
    }

    @Test
    void aMissingFileFailsTheRunButNotTheOthers() throws Exception {
        serve("/org/enc/resolve/main/tokenizer.json", "{}", false);
        Run r = fetch(lock("all\tembedding\torg/enc\tmain\tonnx/missing.onnx\tmodel.onnx\t-",
                "all\tembedding\torg/enc\tmain\ttokenizer.json\ttokenizer.json\t-"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("download failed").contains("fetched 1").contains("failed 1");
        assertThat(tmp.resolve("models/embedding/tokenizer.json")).exists();
    }

    /** What each role's loader needs, per set; the shipped lock must provide exactly that layout. */
    @Test
    void shippedLockProvidesTheLayoutTheServiceLoads() throws IOException {
        Map<String, Set<String>> required = Map.of(
                "embedding", Set.of("model.onnx", "tokenizer.json"),
                "reranker", Set.of("model.onnx", "tokenizer.json"),
                "generator", Set.of("model.onnx", "tokenizer.json", "tokenizer_config.json", "config.json", "generation_config.json"));
        List<String[]> rows = Files.readAllLines(Path.of("onnx-models/models.lock")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r).hasSize(7);
            assertThat(r[0]).isIn("all", "cpu", "gpu");
            assertThat(r[6]).matches("-|[0-9a-f]{64}");
        });
        for (String set : List.of("cpu", "gpu")) {
            for (var role : required.entrySet()) {
                Set<String> local = rows.stream().filter(r -> (r[0].equals("all") || r[0].equals(set)) && r[1].equals(role.getKey()))
                        .map(r -> r[5]).collect(Collectors.toSet());
                assertThat(local).as("%s set, %s", set, role.getKey()).containsAll(role.getValue());
            }
            // an .onnx that refers to external data must be fetched with it, under the name it refers to
            rows.stream().filter(r -> (r[0].equals("all") || r[0].equals(set)) && r[4].endsWith(".onnx_data"))
                    .forEach(r -> assertThat(r[5]).isEqualTo(Path.of(r[4]).getFileName().toString()));
        }
        // the embedder's description is shipped, not fetched
        assertThat(Path.of("onnx-models/examples/multilingual-e5-small.embedding.json")).exists();
    }
}
