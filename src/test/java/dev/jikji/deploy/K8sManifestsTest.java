package dev.jikji.deploy;

import static dev.jikji.deploy.Manifests.BASE;
import static dev.jikji.deploy.Manifests.GPU;
import static dev.jikji.deploy.Manifests.ROOT;
import static dev.jikji.deploy.Manifests.SOLRCLOUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jikji.cli.JikjiCli;
import dev.jikji.config.JikjiConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Kubernetes manifests (k8s/base, the GPU overlay and the SolrCloud overlay) parse, and what they say agrees with the
 * application: ports, health endpoints, configuration keys, volumes, claims, selectors, the sync
 * command, the Kustomize references. With kubectl on the PATH, the kustomizations are rendered too.
 */
class K8sManifestsTest {

    /** Base resources by "Kind/name". */
    static Map<String, JsonNode> base = new LinkedHashMap<>();
    static JsonNode kustomization;

    @BeforeAll
    static void load() throws IOException {
        kustomization = Manifests.readOne(BASE.resolve("kustomization.yaml"));
        for (JsonNode r : kustomization.get("resources")) {
            java.nio.file.Path file = BASE.resolve(r.asText());
            assertThat(file).as("kustomization resource %s", r.asText()).isRegularFile();
            for (JsonNode doc : Manifests.read(file)) {
                String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
                assertThat(doc.path("apiVersion").asText()).as(key + " apiVersion").isNotEmpty();
                assertThat(base.put(key, doc)).as("duplicate resource " + key).isNull();
            }
        }
    }

    static JsonNode resource(String key) {
        JsonNode r = base.get(key);
        if (r == null) fail("k8s/base has no " + key + "; it has " + base.keySet());
        return r;
    }

    static JsonNode deployment() {
        return resource("Deployment/jikji");
    }

    static JsonNode podSpec() {
        return deployment().path("spec").path("template").path("spec");
    }

    static JsonNode container(JsonNode podSpec, String list, String name) {
        for (JsonNode c : podSpec.path(list)) if (c.path("name").asText().equals(name)) return c;
        throw new AssertionError("no " + list + " entry named " + name);
    }

    static Map<String, String> map(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    @Test
    void everyYamlFileParsesAndTheBaseListsEachManifestButTheSecretExample() throws IOException {
        List<String> files;
        try (Stream<java.nio.file.Path> s = Files.walk(Manifests.K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .map(p -> ROOT.relativize(p).toString()).sorted().toList();
        }
        assertThat(files).contains("k8s/base/kustomization.yaml", "k8s/overlays/gpu/kustomization.yaml",
                "k8s/base/secret.example.yaml");
        for (String f : files) assertThat(Manifests.read(ROOT.resolve(f))).as(f).isNotEmpty();

        Set<String> listed = new HashSet<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<java.nio.file.Path> s = Files.list(BASE)) {
            List<String> manifests = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml") && !n.equals("secret.example.yaml"))
                    .toList();
            assertThat(listed).as("base resources").containsExactlyInAnyOrderElementsOf(manifests);
        }
        assertThat(listed).as("the example Secret is applied by hand, never by the kustomization")
                .doesNotContain("secret.example.yaml");
        assertThat(base.keySet()).contains("Deployment/jikji", "Service/jikji", "ConfigMap/jikji-config",
                "PersistentVolumeClaim/jikji-data", "PersistentVolumeClaim/jikji-models", "PodDisruptionBudget/jikji",
                "NetworkPolicy/jikji", "CronJob/jikji-sync");
    }

    @Test
    void exampleSecretHoldsPlaceholdersOnlyAndEveryReferencedKey() {
        JsonNode secret = Manifests.readOne(BASE.resolve("secret.example.yaml"));
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        Map<String, String> data = map(secret.path("stringData"));
        assertThat(data.values()).as("no real values").allMatch("REPLACE_ME"::equals);
        assertThat(secret.has("data")).isFalse();
        // every secretKeyRef of the base names the example Secret and one of its keys, and is optional
        List<JsonNode> refs = new ArrayList<>();
        base.values().forEach(r -> r.findValues("secretKeyRef").forEach(refs::add));
        assertThat(refs).isNotEmpty();
        for (JsonNode ref : refs) {
            assertThat(ref.path("name").asText()).isEqualTo(secret.path("metadata").path("name").asText());
            assertThat(data).containsKey(ref.path("key").asText());
            assertThat(ref.path("optional").asBoolean()).as("optional: the base deploys without the Secret").isTrue();
        }
    }

    @Test
    void oneReplicaRecreatedBecauseOneProcessOwnsTheIndex() {
        JsonNode spec = deployment().path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(1);
        assertThat(spec.path("strategy").path("type").asText()).isEqualTo("Recreate");
        assertThat(Manifests.text(BASE.resolve("deployment.yaml"))).contains("write.lock");
        assertThat(resource("PersistentVolumeClaim/jikji-data").path("spec").path("accessModes").get(0).asText())
                .isEqualTo("ReadWriteOnce");
    }

    @Test
    void containerPortIsTheAppsPortAndTheServiceAndNetworkPolicyReachIt() {
        JsonNode app = container(podSpec(), "containers", "jikji");
        Map<String, Integer> ports = new HashMap<>();
        app.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertThat(ports).containsEntry("http", Manifests.httpPort()).containsEntry("management", Manifests.managementPort());

        // the Service publishes the API only: health and metrics stay on the pods' management port
        JsonNode svc = resource("Service/jikji").path("spec");
        for (JsonNode p : svc.path("ports")) {
            assertThat(resolvePort(p.path("targetPort"), ports)).as("Service targetPort").isEqualTo(Manifests.httpPort());
        }
        Set<Integer> allowed = new HashSet<>();
        for (JsonNode rule : resource("NetworkPolicy/jikji").path("spec").path("ingress")) {
            for (JsonNode p : rule.path("ports")) {
                int port = resolvePort(p.path("port"), ports);
                assertThat(port).as("NetworkPolicy ingress port").isIn(Manifests.httpPort(), Manifests.managementPort());
                allowed.add(port);
                if (port == Manifests.managementPort()) {
                    // from inside the cluster only: pods of any namespace, never an ipBlock
                    assertThat(rule.path("from")).as("management port sources").isNotEmpty()
                            .allSatisfy(from -> assertThat(from.has("ipBlock")).isFalse());
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrder(Manifests.httpPort(), Manifests.managementPort());
        assertThat(map(deployment().path("spec").path("template").path("metadata").path("annotations")))
                .containsEntry("prometheus.io/port", String.valueOf(Manifests.managementPort()))
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    private static int resolvePort(JsonNode port, Map<String, Integer> named) {
        if (port.isInt()) return port.asInt();
        Integer p = named.get(port.asText());
        if (p == null) fail("port '" + port.asText() + "' is not a named container port: " + named.keySet());
        return p;
    }

    @Test
    void selectorsMatchTheServerPodsAndNotTheSyncPods() {
        Map<String, String> podLabels = map(deployment().path("spec").path("template").path("metadata").path("labels"));
        Map<String, String> syncLabels = map(resource("CronJob/jikji-sync").path("spec").path("jobTemplate").path("spec")
                .path("template").path("metadata").path("labels"));
        Map<String, Map<String, String>> selectors = new LinkedHashMap<>();
        selectors.put("Deployment selector", map(deployment().path("spec").path("selector").path("matchLabels")));
        selectors.put("Service selector", map(resource("Service/jikji").path("spec").path("selector")));
        selectors.put("PDB selector", map(resource("PodDisruptionBudget/jikji").path("spec").path("selector").path("matchLabels")));
        selectors.put("NetworkPolicy podSelector",
                map(resource("NetworkPolicy/jikji").path("spec").path("podSelector").path("matchLabels")));
        selectors.forEach((what, sel) -> {
            assertThat(sel).as(what).isNotEmpty();
            assertThat(podLabels).as(what + " matches the server pods").containsAllEntriesOf(sel);
            assertThat(syncLabels.entrySet().containsAll(sel.entrySet())).as(what + " must not match the sync Job's pods").isFalse();
        });
        assertThat(resource("Deployment/jikji").path("spec").path("selector").has("matchExpressions")).isFalse();
    }

    @Test
    void probesUseSmallRyeHealthOnTheManagementPort() throws Exception {
        // SmallRye Health's paths (ManagementPortIT checks that the packaged server answers them there)
        assertThat(Manifests.applicationProperties().getProperty("quarkus.smallrye-health.root-path")).isNull();
        JsonNode app = container(podSpec(), "containers", "jikji");
        assertThat(app.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(app.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(app.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(app.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("management");
        }
        // the start-up probe allows a slow first start (models, a rebuild) before liveness can kill the pod
        JsonNode startup = app.path("startupProbe");
        assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : podSpec().path(list)) {
                JsonNode res = c.path("resources");
                assertThat(res.path("requests").has("cpu") && res.path("requests").has("memory")).as(c.path("name") + " requests").isTrue();
                assertThat(res.path("limits").has("memory")).as(c.path("name") + " memory limit").isTrue();
            }
        }
        JsonNode sync = container(cronPodSpec(), "containers", "sync");
        assertThat(sync.path("resources").path("limits").has("memory")).isTrue();
    }

    static JsonNode cronPodSpec() {
        return resource("CronJob/jikji-sync").path("spec").path("jobTemplate").path("spec").path("template").path("spec");
    }

    @Test
    void everyJikjiEnvironmentKeyIsARealSetting() {
        Map<String, String> env = new LinkedHashMap<>();
        resource("ConfigMap/jikji-config").path("data").properties().forEach(e -> env.put(e.getKey(), "ConfigMap"));
        Manifests.readOne(GPU.resolve("configmap-gpu.yaml")).path("data").properties()
                .forEach(e -> env.put(e.getKey(), "GPU ConfigMap patch"));
        for (JsonNode r : base.values()) {
            for (JsonNode envList : r.findValues("env")) {
                envList.forEach(e -> env.put(e.path("name").asText(), r.path("kind").asText()));
            }
        }
        Manifests.readOne(GPU.resolve("deployment-gpu.yaml")).findValues("env")
                .forEach(l -> l.forEach(e -> env.put(e.path("name").asText(), "GPU Deployment patch")));
        assertThat(env).containsKeys("JIKJI_DATA_DIR", "JIKJI_EMBEDDING_MODEL_DIR", "JIKJI_RERANK_MODEL_DIR",
                "JIKJI_GENERATOR_MODEL_DIR", "JIKJI_ONNX_DEVICE");
        for (String key : env.keySet()) {
            if (!key.startsWith("JIKJI_")) continue;
            if (CLI_ENV.contains(key)) continue;
            assertThat(Manifests.propertyOf(key)).as(key + " (in " + env.get(key) + ") names no jikji.* setting of "
                    + "application.properties or JikjiConfig").isNotNull();
        }
        assertThat(Manifests.propertyOf("JIKJI_GENERATOR_MODEL_DIR")).isEqualTo("jikji.generator.model-dir");
        assertThat(Manifests.propertyOf("JIKJI_GENERATOR_OPENAI_API_KEY")).isEqualTo("jikji.generator.openai.api-key");
        assertThat(Manifests.propertyOf("JIKJI_NO_SUCH_THING")).isNull();
        // the command line's own variables are read where they are said to be
        assertThat(Manifests.text(ROOT.resolve("src/main/java/dev/jikji/cli/JikjiCli.java")))
                .contains("env:JIKJI_SERVER", "env:JIKJI_API_KEY");
        assertThat(Manifests.text(ROOT.resolve("bin/jikji"))).contains("JIKJI_CLI_OPTS");
    }

    /** Environment variables of bin/jikji, not settings of the server. */
    static final Set<String> CLI_ENV = Set.of("JIKJI_SERVER", "JIKJI_API_KEY", "JIKJI_CLI_OPTS");

    @Test
    void settingValuesAreOnesTheServiceAccepts() {
        Map<String, String> cm = map(resource("ConfigMap/jikji-config").path("data"));
        Set<String> devices = enumValues(JikjiConfig.Onnx.Device.class);
        assertThat(devices).contains(cm.get("JIKJI_ONNX_DEVICE"));
        assertThat(devices).contains(Manifests.readOne(GPU.resolve("configmap-gpu.yaml")).path("data").path("JIKJI_ONNX_DEVICE").asText())
                .contains("cuda");
        if (cm.containsKey("JIKJI_INDEX_ON_MODEL_MISMATCH")) {
            assertThat(enumValues(JikjiConfig.Index.ModelMismatch.class)).contains(cm.get("JIKJI_INDEX_ON_MODEL_MISMATCH"));
        }
        if (cm.containsKey("JIKJI_GENERATOR_KIND")) {
            assertThat(enumValues(JikjiConfig.Generator.Kind.class)).contains(cm.get("JIKJI_GENERATOR_KIND"));
        }
        if (cm.containsKey("JIKJI_INGEST_SEED_WHEN_EMPTY")) assertThat(cm.get("JIKJI_INGEST_SEED_WHEN_EMPTY")).isIn("true", "false");
    }

    private static Set<String> enumValues(Class<? extends Enum<?>> e) {
        Set<String> s = new HashSet<>();
        for (Enum<?> v : e.getEnumConstants()) s.add(v.name().toLowerCase(Locale.ROOT));
        return s;
    }

    @Test
    void volumesMountsAndClaimsLineUpWithTheConfiguredPaths() {
        checkVolumes(podSpec());
        checkVolumes(cronPodSpec());
        Map<String, String> cm = map(resource("ConfigMap/jikji-config").path("data"));
        Map<String, String> mounts = new HashMap<>();
        container(podSpec(), "containers", "jikji").path("volumeMounts")
                .forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        assertThat(cm.get("JIKJI_DATA_DIR")).isEqualTo("/data");
        assertThat(mounts).containsEntry("/data", "data").containsKey("/models");
        for (String k : List.of("JIKJI_EMBEDDING_MODEL_DIR", "JIKJI_RERANK_MODEL_DIR", "JIKJI_GENERATOR_MODEL_DIR")) {
            assertThat(cm.get(k)).as(k).startsWith("/models/");
        }
        assertThat(cm).containsEntry("JIKJI_EMBEDDING_MODEL_DIR", "/models/embedding")
                .containsEntry("JIKJI_RERANK_MODEL_DIR", "/models/reranker")
                .containsEntry("JIKJI_GENERATOR_MODEL_DIR", "/models/generator");
        // the init container writes into the same volume the server reads the models from
        JsonNode init = container(podSpec(), "initContainers", "fetch-models");
        String initModels = null;
        for (JsonNode m : init.path("volumeMounts")) if (m.path("mountPath").asText().equals("/models")) initModels = m.path("name").asText();
        assertThat(initModels).isEqualTo(mounts.get("/models"));
    }

    /** The analysis files are mounted where the settings look, and as shipped (comments only) they change no analysis. */
    @Test
    void theShippedAnalysisFilesAreMountedWhereTheSettingsPointAndChangeNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        Map<String, String> cm = map(resource("ConfigMap/jikji-config").path("data"));
        Map<String, String> files = map(resource("ConfigMap/jikji-analysis").path("data"));
        String mount = null;
        for (JsonNode m : container(podSpec(), "containers", "jikji").path("volumeMounts")) {
            if (m.path("name").asText().equals("analysis")) mount = m.path("mountPath").asText();
        }
        assertThat(mount).isEqualTo("/etc/jikji/analysis");
        String configMap = null;
        for (JsonNode v : podSpec().path("volumes")) {
            if (v.path("name").asText().equals("analysis")) configMap = v.path("configMap").path("name").asText();
        }
        assertThat(configMap).isEqualTo("jikji-analysis");
        for (String key : List.of("JIKJI_SEARCH_SYNONYMS", "JIKJI_SEARCH_NORI_USER_DICTIONARY")) {
            java.nio.file.Path path = java.nio.file.Path.of(cm.get(key));
            assertThat(path.getParent().toString()).as(key).isEqualTo(mount);
            assertThat(files).as(key).containsKey(path.getFileName().toString());
        }
        java.nio.file.Path synonyms = Files.writeString(dir.resolve("synonyms.txt"), files.get("synonyms.txt"));
        java.nio.file.Path nouns = Files.writeString(dir.resolve("nouns.txt"), files.get("nouns.txt"));
        dev.jikji.index.JikjiAnalyzer plain = dev.jikji.index.JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB"));
        dev.jikji.index.JikjiAnalyzer shipped = plain.withUserDictionary(nouns);
        shipped = shipped.withSynonyms(dev.jikji.index.SearchSynonyms.read(synonyms, shipped));
        assertThat(shipped.fingerprint()).as("an index built without the files is not rebuilt for them").isEqualTo(plain.fingerprint());
    }

    private static void checkVolumes(JsonNode podSpec) {
        Map<String, JsonNode> volumes = new HashMap<>();
        podSpec.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Set<String> used = new HashSet<>();
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : podSpec.path(list)) {
                for (JsonNode m : c.path("volumeMounts")) {
                    assertThat(volumes).as(c.path("name").asText() + " mounts " + m.path("name").asText()).containsKey(m.path("name").asText());
                    used.add(m.path("name").asText());
                }
            }
        }
        assertThat(used).as("every volume is mounted").containsAll(volumes.keySet());
        for (JsonNode v : volumes.values()) {
            if (v.has("persistentVolumeClaim")) {
                String claim = v.path("persistentVolumeClaim").path("claimName").asText();
                assertThat(base).as("claim " + claim).containsKey("PersistentVolumeClaim/" + claim);
            }
        }
    }

    @Test
    void initContainerFetchesTheModelsWithTheShippedScript() {
        JsonNode init = container(podSpec(), "initContainers", "fetch-models");
        String script = String.join(" ", toList(init.path("command"))) + " " + String.join(" ", toList(init.path("args")));
        assertThat(script).contains("/app/onnx-models/fetch --dir /models --set");
        assertThat(ROOT.resolve("onnx-models/fetch")).isExecutable();
        assertThat(Manifests.text(ROOT.resolve("onnx-models/fetch"))).contains("--dir) dir=");
        // the image puts the script where the init container runs it
        assertThat(Manifests.text(ROOT.resolve("src/main/docker/Dockerfile.jvm"))).contains("WORKDIR /app")
                .containsPattern("COPY [^\\n]*onnx-models/fetch[^\\n]* /app/onnx-models/");
        Map<String, String> env = new HashMap<>();
        init.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsEntry("MODEL_SET", "cpu");
    }

    private static List<String> toList(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }

    @Test
    void cronJobRunsACommandTheCliHasAgainstTheService() {
        JsonNode sync = container(cronPodSpec(), "containers", "sync");
        List<String> command = toList(sync.path("command"));
        assertThat(command).startsWith("bin/jikji", "ingest", "/docs").contains("--prune", "--json");
        assertThat(ROOT.resolve("bin/jikji")).isExecutable();
        // picocli accepts these arguments as the real command line would
        CommandLine cli = new CommandLine(new JikjiCli());
        CommandLine.ParseResult parsed = cli.parseArgs(command.subList(1, command.size()).toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).isTrue();
        CommandLine.ParseResult sub = parsed.subcommand();
        assertThat(sub.commandSpec().name()).isEqualTo("ingest");
        assertThat(sub.hasMatchedOption("--prune")).isTrue();
        assertThat(sub.hasMatchedOption("--json")).isTrue();
        Object docsArg = sub.matchedPositionals().getFirst().getValue();
        assertThat(docsArg.toString()).isEqualTo("[/docs]");

        Map<String, String> env = new HashMap<>();
        sync.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        URI server = URI.create(env.get("JIKJI_SERVER"));
        assertThat(server.getHost()).isEqualTo(resource("Service/jikji").path("metadata").path("name").asText());
        List<Integer> servicePorts = new ArrayList<>();
        resource("Service/jikji").path("spec").path("ports").forEach(p -> servicePorts.add(p.path("port").asInt()));
        assertThat(servicePorts).contains(server.getPort());
        // /docs is mounted from a volume
        assertThat(sync.path("volumeMounts").findValuesAsText("mountPath")).contains("/docs");
        assertThat(resource("CronJob/jikji-sync").path("spec").path("concurrencyPolicy").asText()).isEqualTo("Forbid");
    }

    @Test
    void gpuOverlayPatchesExistingBaseResources() {
        JsonNode k = Manifests.readOne(GPU.resolve("kustomization.yaml"));
        assertThat(toList(k.path("resources"))).containsExactly("../../base");
        List<String> patchFiles = new ArrayList<>();
        k.path("patches").forEach(p -> patchFiles.add(p.path("path").asText()));
        assertThat(patchFiles).isNotEmpty();
        for (String f : patchFiles) {
            java.nio.file.Path file = GPU.resolve(f);
            assertThat(file).as("patch " + f).isRegularFile();
            JsonNode patch = Manifests.readOne(file);
            String key = patch.path("kind").asText() + "/" + patch.path("metadata").path("name").asText();
            assertThat(base).as("patch " + f + " targets " + key).containsKey(key);
            assertThat(patch.path("apiVersion").asText()).isEqualTo(base.get(key).path("apiVersion").asText());
            if (patch.path("kind").asText().equals("Deployment")) {
                JsonNode spec = patch.path("spec").path("template").path("spec");
                for (String list : List.of("initContainers", "containers")) {
                    for (JsonNode c : spec.path(list)) container(podSpec(), list, c.path("name").asText());
                }
            }
        }
        JsonNode d = Manifests.readOne(GPU.resolve("deployment-gpu.yaml")).path("spec").path("template").path("spec");
        JsonNode app = container(d, "containers", "jikji");
        assertThat(app.path("resources").path("limits").path("nvidia.com/gpu").asInt()).isEqualTo(1);
        assertThat(app.path("image").asText()).endsWith("-gpu");
        assertThat(d.path("nodeSelector").isEmpty()).isFalse();
        assertThat(d.path("tolerations").findValuesAsText("key")).contains("nvidia.com/gpu");
        assertThat(container(d, "initContainers", "fetch-models").path("env").findValuesAsText("value")).contains("gpu");
        assertThat(Manifests.readOne(GPU.resolve("configmap-gpu.yaml")).path("data").path("JIKJI_ONNX_DEVICE").asText()).isEqualTo("cuda");
    }

    /** Renders both kustomizations with kubectl's built-in Kustomize when it is installed (skipped otherwise). */
    @Test
    void kustomizeRendersBaseAndOverlay() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
        List<JsonNode> rendered = kustomize("k8s/base");
        assertThat(rendered).hasSize(base.size());
        List<JsonNode> gpu = kustomize("k8s/overlays/gpu");
        JsonNode dep = gpu.stream().filter(r -> r.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        JsonNode spec = dep.path("spec").path("template").path("spec");
        JsonNode app = container(spec, "containers", "jikji");
        assertThat(app.path("resources").path("limits").path("nvidia.com/gpu").asInt()).isEqualTo(1);
        assertThat(app.path("resources").path("limits").path("memory").asText()).as("base limits kept").isNotEmpty();
        assertThat(app.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        JsonNode init = container(spec, "initContainers", "fetch-models");
        assertThat(init.path("env").findValuesAsText("name")).as("base env kept by the merge").contains("MODEL_SET", "HF_TOKEN");
        JsonNode cm = gpu.stream().filter(r -> r.path("kind").asText().equals("ConfigMap"))
                .filter(r -> r.path("metadata").path("name").asText().equals("jikji-config")).findFirst().orElseThrow();
        assertThat(cm.path("data").path("JIKJI_ONNX_DEVICE").asText()).isEqualTo("cuda");
        assertThat(cm.path("data").path("JIKJI_DATA_DIR").asText()).isEqualTo("/data");
        assertThat(gpu.stream().filter(r -> r.path("kind").asText().equals("CronJob")).findFirst().orElseThrow()
                .findValuesAsText("image")).allMatch(i -> !i.endsWith("-gpu"));
    }

    private static boolean onPath(String exe) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(java.nio.file.Path.of(d, exe)));
    }

    private static List<JsonNode> kustomize(String dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir).directory(ROOT.toFile()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
        java.nio.file.Path tmp = Files.createTempFile("kustomize", ".yaml");
        try {
            Files.write(tmp, out);
            return Manifests.read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The deployment requires API keys, read from the mounted Secret, so restricted documents never start open. */
    @Test
    void deploymentRequiresApiKeysFromTheMountedSecret() {
        Map<String, String> config = map(resource("ConfigMap/jikji-config").path("data"));
        assertThat(config).containsEntry("JIKJI_AUTH_ENABLED", "true");
        String keysFile = config.get("JIKJI_AUTH_KEYS_FILE");
        JsonNode server = container(podSpec(), "containers", "jikji");
        JsonNode mount = null;
        for (JsonNode m : server.path("volumeMounts")) {
            if (keysFile.startsWith(m.path("mountPath").asText() + "/")) mount = m;
        }
        assertThat(mount).as("a volume mounted over %s", keysFile).isNotNull();
        JsonNode volume = null;
        for (JsonNode v : podSpec().path("volumes")) if (v.path("name").asText().equals(mount.path("name").asText())) volume = v;
        assertThat(volume).isNotNull();
        JsonNode secret = volume.path("secret");
        assertThat(secret.path("secretName").asText()).isEqualTo("jikji");
        String file = keysFile.substring(mount.path("mountPath").asText().length() + 1);
        boolean itemFound = false;
        for (JsonNode item : secret.path("items")) {
            if (item.path("path").asText().equals(file)) {
                itemFound = true;
                assertThat(map(Manifests.readOne(BASE.resolve("secret.example.yaml")).path("stringData")))
                        .containsKey(item.path("key").asText());
            }
        }
        assertThat(itemFound).as("the Secret item lands at %s", keysFile).isTrue();
    }

    // --- k8s/overlays/solrcloud: stateless replicas over a SolrCloud index ---

    /**
     * The index settings the SolrCloud backend (issue 15, items 1-2, built alongside) reads, by the names agreed with
     * it. Until {@code jikji.index.kind} exists in JikjiConfig they cannot be checked as real settings; from then on
     * they are, like every other key.
     */
    static final Set<String> SOLR_INDEX_ENV = Set.of("JIKJI_INDEX_KIND", "JIKJI_INDEX_SOLR_URLS", "JIKJI_INDEX_SOLR_COLLECTION");

    static JsonNode solrKustomization() {
        return Manifests.readOne(SOLRCLOUD.resolve("kustomization.yaml"));
    }

    static JsonNode solrFile(String name) {
        return Manifests.readOne(SOLRCLOUD.resolve(name));
    }

    @Test
    void solrCloudOverlayBuildsOnTheBaseAndPatchesOnlyWhatItHas() {
        JsonNode k = solrKustomization();
        List<String> resources = toList(k.path("resources"));
        assertThat(resources).startsWith("../../base").contains("solrcloud.yaml", "hpa.yaml");
        for (String r : resources.subList(1, resources.size())) {
            assertThat(SOLRCLOUD.resolve(r)).as("resource " + r).isRegularFile();
            String key = solrFile(r).path("kind").asText() + "/" + solrFile(r).path("metadata").path("name").asText();
            assertThat(base).as(key + " is new, not a second copy of a base resource").doesNotContainKey(key);
        }
        for (JsonNode p : k.path("patches")) {
            String key;
            if (p.has("path")) {
                JsonNode patch = solrFile(p.path("path").asText());
                key = patch.path("kind").asText() + "/" + patch.path("metadata").path("name").asText();
                assertThat(patch.path("apiVersion").asText()).isEqualTo(resource(key).path("apiVersion").asText());
            } else {
                key = p.path("target").path("kind").asText() + "/" + p.path("target").path("name").asText();
            }
            assertThat(base).as("patch targets " + key).containsKey(key);
        }
        // the claims removed are exactly those the patched Deployment no longer mounts
        JsonNode dep = solrFile("deployment-solrcloud.yaml").path("spec");
        Set<String> unclaimed = new HashSet<>();
        dep.path("template").path("spec").path("volumes").forEach(v -> {
            assertThat(v.has("persistentVolumeClaim") && v.path("persistentVolumeClaim").isNull()).as(v.path("name") + " unclaimed").isTrue();
            assertThat(v.has("emptyDir")).isTrue();
            for (JsonNode bv : podSpec().path("volumes")) {
                if (bv.path("name").asText().equals(v.path("name").asText())) {
                    unclaimed.add(bv.path("persistentVolumeClaim").path("claimName").asText());
                }
            }
        });
        Set<String> deleted = new HashSet<>();
        for (String f : List.of("pvc-data-removed.yaml", "pvc-models-removed.yaml")) {
            JsonNode patch = solrFile(f);
            assertThat(patch.path("$patch").asText()).isEqualTo("delete");
            deleted.add(patch.path("metadata").path("name").asText());
        }
        assertThat(deleted).containsExactlyInAnyOrderElementsOf(unclaimed).contains("jikji-data");
    }

    @Test
    void solrCloudOverlayRunsSeveralReplicasRolledOneAtATime() {
        JsonNode spec = solrFile("deployment-solrcloud.yaml").path("spec");
        assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(spec.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
        assertThat(spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt()).isZero();
        JsonNode hpa = solrFile("hpa.yaml");
        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asText() + "/" + target.path("name").asText()).isEqualTo("Deployment/jikji");
        assertThat(target.path("apiVersion").asText()).isEqualTo(deployment().path("apiVersion").asText());
        int min = hpa.path("spec").path("minReplicas").asInt();
        assertThat(min).isEqualTo(spec.path("replicas").asInt());
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isGreaterThan(min);
        assertThat(hpa.path("spec").path("metrics").findValuesAsText("name")).contains("cpu");
        // CPU utilisation is measured against requests: the server container must request CPU
        assertThat(container(podSpec(), "containers", "jikji").path("resources").path("requests").has("cpu")).isTrue();
        // the base budget lets a drain take one pod at a time, fewer than the autoscaler keeps
        int maxUnavailable = resource("PodDisruptionBudget/jikji").path("spec").path("maxUnavailable").asInt();
        assertThat(maxUnavailable).isPositive().isLessThan(min);
    }

    @Test
    void solrCloudOverlayPointsJikjiAtTheOperatorsZooKeeperAndCollection() {
        JsonNode solr = solrFile("solrcloud.yaml");
        assertThat(solr.path("apiVersion").asText()).isEqualTo("solr.apache.org/v1beta1");
        assertThat(solr.path("kind").asText()).isEqualTo("SolrCloud");
        JsonNode spec = solr.path("spec");
        assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        int zk = spec.path("zookeeperRef").path("provided").path("replicas").asInt();
        assertThat(zk).as("a ZooKeeper quorum that survives one loss").isGreaterThanOrEqualTo(3).matches(n -> n % 2 == 1);
        assertThat(spec.path("solrImage").path("tag").asText()).as("the Solr version the app's SolrJ speaks").startsWith("9.");
        assertThat(spec.path("dataStorage").has("persistent")).isTrue();
        assertThat(toList(spec.path("solrModules"))).as("Nori lives in analysis-extras").contains("analysis-extras");

        Map<String, String> cm = map(solrFile("configmap-solrcloud.yaml").path("data"));
        assertThat(cm.keySet()).containsAll(SOLR_INDEX_ENV);
        assertThat(cm).containsEntry("JIKJI_INDEX_KIND", "solrcloud")
                // the Solr Operator's Service in front of all the SolrCloud's nodes
                .containsEntry("JIKJI_INDEX_SOLR_URLS", "http://" + solr.path("metadata").path("name").asText() + "-solrcloud-common/solr")
                .containsEntry("JIKJI_INDEX_ON_MODEL_MISMATCH", "refuse");
        assertThat(cm.get("JIKJI_INDEX_SOLR_COLLECTION")).isNotBlank();
        assertThat(enumValues(JikjiConfig.Index.ModelMismatch.class)).contains(cm.get("JIKJI_INDEX_ON_MODEL_MISMATCH"));
        boolean backendMerged = Manifests.propertyOf("JIKJI_INDEX_KIND") != null;
        for (String key : cm.keySet()) {
            if (SOLR_INDEX_ENV.contains(key) && !backendMerged) continue;
            assertThat(Manifests.propertyOf(key)).as(key + " (SolrCloud ConfigMap patch) names no jikji.* setting").isNotNull();
        }
        // the pods may reach the Solr nodes (SolrJ over HTTP only: no ZooKeeper client on the class path)
        String egress = solrKustomization().path("patches").findValuesAsText("patch").toString();
        assertThat(egress).contains("/spec/egress/-").contains("port: 8983").doesNotContain("port: 2181");
    }

    /** The overlay as kubectl renders it (skipped without kubectl): what a cluster would receive. */
    @Test
    void kustomizeRendersTheSolrCloudOverlay() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
        List<JsonNode> rendered = kustomize("k8s/overlays/solrcloud");
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        rendered.forEach(r -> byKey.put(r.path("kind").asText() + "/" + r.path("metadata").path("name").asText(), r));
        assertThat(byKey).containsKeys("Deployment/jikji", "HorizontalPodAutoscaler/jikji", "PodDisruptionBudget/jikji",
                "SolrCloud/jikji", "Service/jikji", "NetworkPolicy/jikji", "CronJob/jikji-sync")
                .doesNotContainKeys("PersistentVolumeClaim/jikji-data", "PersistentVolumeClaim/jikji-models");
        JsonNode dep = byKey.get("Deployment/jikji").path("spec");
        assertThat(dep.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
        assertThat(dep.path("replicas").asInt()).isEqualTo(3);
        JsonNode pod = dep.path("template").path("spec");
        for (JsonNode v : pod.path("volumes")) {
            if (v.has("persistentVolumeClaim")) {
                assertThat(byKey).as("claim of volume " + v.path("name").asText())
                        .containsKey("PersistentVolumeClaim/" + v.path("persistentVolumeClaim").path("claimName").asText());
            }
        }
        assertThat(pod.path("volumes").findValues("emptyDir")).hasSizeGreaterThanOrEqualTo(3); // data, models, tmp
        JsonNode app = container(pod, "containers", "jikji");
        assertThat(app.path("readinessProbe").path("httpGet").path("path").asText()).as("base probes kept").isEqualTo("/q/health/ready");
        assertThat(app.path("envFrom").findValuesAsText("name")).contains("jikji-config");
        Map<String, String> cm = map(byKey.get("ConfigMap/jikji-config").path("data"));
        assertThat(cm).containsEntry("JIKJI_INDEX_KIND", "solrcloud").containsEntry("JIKJI_DATA_DIR", "/data")
                .containsEntry("JIKJI_AUTH_ENABLED", "true");
        // the PDB and the HPA act on the server pods
        Map<String, String> podLabels = map(dep.path("template").path("metadata").path("labels"));
        assertThat(podLabels).containsAllEntriesOf(map(byKey.get("PodDisruptionBudget/jikji").path("spec").path("selector").path("matchLabels")));
        assertThat(byKey.get("HorizontalPodAutoscaler/jikji").path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("jikji");
        List<String> egressPorts = byKey.get("NetworkPolicy/jikji").path("spec").path("egress").findValuesAsText("port");
        assertThat(egressPorts).contains("53", "443", "8983").doesNotContain("2181");
    }
}
