package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jikji.config.JikjiConfig;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** Shared helpers of the deployment tests: YAML manifests, the configuration keys the service knows. */
final class Manifests {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path GPU = K8S.resolve("overlays/gpu");
    static final Path SOLRCLOUD = K8S.resolve("overlays/solrcloud");
    static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {}

    /** Every document of a (multi-document) YAML file. */
    static List<JsonNode> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(r)) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isEmpty()) docs.add(d);
            }
            return docs;
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
    }

    static JsonNode readOne(Path file) {
        List<JsonNode> docs = read(file);
        if (docs.size() != 1) throw new AssertionError(file + " holds " + docs.size() + " documents, expected 1");
        return docs.getFirst();
    }

    static Properties applicationProperties() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    /** The port the server listens on: quarkus.http.port of application.properties. */
    static int httpPort() {
        return Integer.parseInt(applicationProperties().getProperty("quarkus.http.port").trim());
    }

    /** Quarkus' management interface (health, metrics): enabled in production, on its own port. */
    static int managementPort() {
        assertThat(applicationProperties().getProperty("quarkus.management.enabled")).isEqualTo("true");
        return Integer.parseInt(applicationProperties().getProperty("quarkus.management.port").trim());
    }

    /**
     * Every {@code jikji.*} property the service knows: the keys of application.properties (profile-less)
     * and every leaf of {@link JikjiConfig}, in kebab case as SmallRye Config maps them.
     */
    static Set<String> knownJikjiProperties() {
        Set<String> keys = new TreeSet<>();
        for (String k : applicationProperties().stringPropertyNames()) {
            if (k.startsWith("jikji.")) keys.add(k);
        }
        collect(JikjiConfig.class, "jikji", keys);
        return keys;
    }

    private static void collect(Class<?> group, String prefix, Set<String> into) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.isDefault()) continue;
            String name = prefix + "." + kebab(m.getName());
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getName().startsWith(JikjiConfig.class.getName())) {
                collect(type, name, into);
            } else {
                into.add(name);
            }
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable SmallRye Config reads for a property: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The property an environment variable sets, or null when it sets none. */
    static String propertyOf(String envKey) {
        for (String p : knownJikjiProperties()) {
            if (envName(p).equals(envKey)) return p;
        }
        return null;
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
