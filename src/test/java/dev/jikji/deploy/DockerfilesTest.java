package dev.jikji.deploy;

import static dev.jikji.deploy.Manifests.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles, read as text (no Docker here): every COPY source exists in the repository (paths of the
 * build output are checked by {@link PackagedAppIT} after {@code package}), .dockerignore lets them through,
 * the exposed port is quarkus.http.port, the user is not root and is the one the manifests run as, the
 * entrypoint runs the fast jar, the bases are the ones ONNX Runtime 1.28 needs, the JIKJI_* variables set are real settings.
 */
class DockerfilesTest {

    record Instruction(String op, String args) {}

    static List<Instruction> parse(Path file) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Manifests.text(file).split("\n")) {
            String t = line.strip();
            if (cur.isEmpty() && (t.isEmpty() || t.startsWith("#"))) continue;
            if (t.startsWith("#")) continue;
            if (t.endsWith("\\")) {
                cur.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            cur.append(t);
            String s = cur.toString().strip();
            cur.setLength(0);
            int sp = s.indexOf(' ');
            out.add(new Instruction(s.substring(0, sp).toUpperCase(), s.substring(sp + 1).strip()));
        }
        return out;
    }

    /** COPY sources from the build context (not --from stages), flags dropped. */
    static List<String> copySources(List<Instruction> ins) {
        List<String> sources = new ArrayList<>();
        for (Instruction i : ins) {
            if (!i.op().equals("COPY") || i.args().contains("--from=")) continue;
            List<String> words = new ArrayList<>(List.of(i.args().split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        return sources;
    }

    static Map<String, String> env(List<Instruction> ins) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher("");
        for (Instruction i : ins) {
            if (!i.op().equals("ENV")) continue;
            m.reset(i.args());
            while (m.find()) env.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void copySourcesExistAndPassDockerignore(String name) {
        List<Instruction> ins = parse(ROOT.resolve("src/main/docker").resolve(name));
        List<String> sources = copySources(ins);
        assertThat(sources).contains("bin/", "docs-corpus/", "onnx-models/fetch", "onnx-models/models.lock")
                .anyMatch(s -> s.startsWith("target/quarkus-app/"));
        List<String> allowed = Manifests.text(ROOT.resolve(".dockerignore")).lines()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        for (String src : sources) {
            assertThat(allowed).as(src + " is let through .dockerignore").anyMatch(a -> src.startsWith(a) || a.startsWith(src));
            if (src.startsWith("target/")) continue; // build output: PackagedAppIT checks it after package
            Path p = ROOT.resolve(src);
            assertThat(Files.exists(p)).as("COPY source " + src + " exists in the repository").isTrue();
            if (src.endsWith("/")) assertThat(p).isDirectory();
        }
        assertThat(ROOT.resolve("onnx-models/fetch")).isExecutable();
        assertThat(ROOT.resolve("bin/jikji")).isExecutable();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void portUserEntrypointAndEnvironmentMatchTheApp(String name) {
        List<Instruction> ins = parse(ROOT.resolve("src/main/docker").resolve(name));
        List<String> exposed = ins.stream().filter(i -> i.op().equals("EXPOSE")).map(Instruction::args).toList();
        assertThat(exposed).containsExactly(String.valueOf(Manifests.httpPort()));

        String user = ins.stream().filter(i -> i.op().equals("USER")).reduce((a, b) -> b).orElseThrow().args();
        assertThat(user).doesNotStartWith("root").doesNotStartWith("0");
        JsonNode pod = Manifests.read(Manifests.BASE.resolve("deployment.yaml")).getFirst()
                .path("spec").path("template").path("spec").path("securityContext");
        assertThat(user).startsWith(pod.path("runAsUser").asText() + ":" + pod.path("runAsGroup").asText());
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();

        String workdir = ins.stream().filter(i -> i.op().equals("WORKDIR")).reduce((a, b) -> b).orElseThrow().args();
        assertThat(workdir).isEqualTo("/app");
        String entry = ins.stream().filter(i -> i.op().equals("ENTRYPOINT")).reduce((a, b) -> b).orElseThrow().args();
        assertThat(entry).startsWith("[\"java\"").contains("\"-jar\", \"quarkus-app/quarkus-run.jar\"]");
        // quarkus-app/ (entrypoint) and target/quarkus-app/ (where bin/jikji looks) are the same directory
        assertThat(ins).anyMatch(i -> i.op().equals("RUN") && i.args().contains("ln -s target/quarkus-app /app/quarkus-app"));

        Map<String, String> env = env(ins);
        assertThat(env).containsEntry("JIKJI_DATA_DIR", "/data").containsEntry("JIKJI_JRE_OK", "1");
        for (String key : env.keySet()) {
            if (!key.startsWith("JIKJI_") || key.equals("JIKJI_JRE_OK")) continue;
            assertThat(Manifests.propertyOf(key)).as(key + " in " + name + " is a jikji.* setting").isNotNull();
        }
        assertThat(Manifests.text(ROOT.resolve("bin/java-env"))).contains("JIKJI_JRE_OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void basesProvideJavaAndForTheGpuCuda12WithCudnn9(String name) {
        List<String> from = parse(ROOT.resolve("src/main/docker").resolve(name)).stream()
                .filter(i -> i.op().equals("FROM")).map(Instruction::args).toList();
        assertThat(from).anyMatch(f -> f.matches("eclipse-temurin:(21|25)-jre.*"));
        if (name.endsWith(".gpu")) {
            // the last stage is the image: CUDA 12 with cuDNN 9 (the cudnn tags of CUDA 12.x carry cuDNN 9)
            assertThat(from.getLast()).matches("nvidia/cuda:12\\.[0-9.]+-cudnn-runtime-ubuntu[0-9.]+");
            // ONNX Runtime's GPU jars from 1.19 on are built for CUDA 12 and cuDNN 9 (1.18 and older: cuDNN 8)
            assertThat(Manifests.text(ROOT.resolve("pom.xml"))).containsPattern("<onnxruntime.version>1\\.(19|2[0-9])\\.");
        } else {
            assertThat(from).hasSize(1);
        }
    }
}
