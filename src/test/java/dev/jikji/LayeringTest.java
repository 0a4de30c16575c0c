package dev.jikji;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (README "Layout"): a package of {@code dev.jikji} imports only packages of lower
 * layers, never one of its own layer or above. Read from the compiled main classes with ArchUnit, so an inline
 * fully-qualified name counts as much as an import line.
 */
class LayeringTest {

    /** Top to bottom. Packages of one layer do not import each other. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("api", "slack", "cli", "observe"), // adapters and observability, attached at the top
            Set.of("feedback", "auth"),
            Set.of("rag"),
            Set.of("search"),
            Set.of("rerank"),
            Set.of("generate"),
            Set.of("ingest"),
            Set.of("index"),
            Set.of("embed"),
            Set.of("onnx"),
            Set.of("admission"), // orders work: searches before ingest, below the services that ask it
            Set.of("stage"), // times pipeline steps: span and meter event together
            Set.of("tracing", "events", "problem", "config", "language")); // neutral: imported by anyone, importing no other

    /** Violations known and left for later, class to class, each with why. Any other violation fails the test. */
    static final Map<String, String> KNOWN = Map.of();

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jikji");
    }

    @Test
    void everyPackageImportsOnlyLowerLayers() {
        assertThat(violations(classes, LAYERS, KNOWN.keySet())).isEmpty();
    }

    @Test
    void everyPackageHasItsLayer() {
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass c : classes) {
            String p = topPackage(c.getPackageName());
            if (p != null && rank(LAYERS, p) < 0) unplaced.add(p);
        }
        assertThat(unplaced).as("packages missing from LAYERS (and README \"Layout\")").isEmpty();
    }

    /** The check can fail: with the layers upside down, the real imports are violations. */
    @Test
    void reversedLayersAreViolated() {
        assertThat(violations(classes, LAYERS.reversed(), Set.of()))
                .anyMatch(v -> v.startsWith("dev.jikji.api.") && v.contains("-> dev.jikji.rag."));
    }

    static List<String> violations(JavaClasses classes, List<Set<String>> layers, Set<String> known) {
        TreeSet<String> out = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = topPackage(c.getPackageName());
            if (from == null) continue;
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                String to = topPackage(target.getPackageName());
                if (to == null || to.equals(from)) continue;
                int a = rank(layers, from);
                int b = rank(layers, to);
                if (a >= 0 && b > a) continue;
                String edge = outer(c.getName()) + " -> " + outer(target.getName());
                if (!known.contains(edge)) out.add(edge);
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code rag} for {@code dev.jikji.rag} and below; null outside {@code dev.jikji.*}. */
    static String topPackage(String pkg) {
        if (!pkg.startsWith("dev.jikji.")) return null;
        String rest = pkg.substring("dev.jikji.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static int rank(List<Set<String>> layers, String pkg) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).contains(pkg)) return i;
        }
        return -1;
    }

    private static String outer(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }
}
