package dev.jikji.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Configuration" table is the operators' reference: every key of the {@link JikjiConfig} mapping (walked
 * by reflection, as SmallRye Config names them) has a row, and no row names a key the mapping does not have.
 */
class ConfigReferenceTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** Every leaf key of the mapping; a map-valued key as {@code prefix.*}. */
    static Set<String> mappedKeys() {
        Set<String> keys = new TreeSet<>();
        collect(JikjiConfig.class, "jikji", keys);
        return keys;
    }

    private static void collect(Class<?> group, String prefix, Set<String> into) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.isDefault()) continue;
            String name = prefix + "." + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getName().startsWith(JikjiConfig.class.getName())) {
                collect(type, name, into);
            } else if (Map.class.isAssignableFrom(type)) {
                into.add(name + ".*");
            } else {
                into.add(name);
            }
        }
    }

    /**
     * The keys README's table documents. A cell lists one full key, then siblings by their last segment
     * ({@code `jikji.search.default-top-k` / `max-top-k`}); {@code <channel id>} stands for a map's keys.
     */
    static Set<String> documentedKeys() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README has a Configuration section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> keys = new TreeSet<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("| `")) continue;
            String cell = line.substring(1, line.indexOf('|', 1));
            String full = null;
            Matcher m = CODE.matcher(cell);
            while (m.find()) {
                String token = m.group(1).replaceAll("\\.<[^>]+>$", ".*");
                if (token.startsWith("jikji.")) {
                    full = token;
                    keys.add(token);
                } else if (full != null && !token.startsWith("quarkus.")) {
                    keys.add(full.substring(0, full.lastIndexOf('.') + 1) + token);
                }
            }
        }
        return keys;
    }

    @Test
    void everyMappedKeyHasARowAndEveryRowAKey() throws IOException {
        Set<String> mapped = mappedKeys();
        Set<String> documented = documentedKeys();
        assertThat(mapped).contains("jikji.data.dir", "jikji.search.nori-extra-stop-tags", "jikji.slack.channel-groups.*");
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(documented);
        assertThat(missing).as("@ConfigMapping keys missing from README's Configuration table").isEmpty();
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(mapped);
        assertThat(unknown).as("README Configuration rows naming keys JikjiConfig does not have").isEmpty();
    }
}
