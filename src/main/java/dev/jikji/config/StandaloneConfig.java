package dev.jikji.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;

/**
 * {@link JikjiConfig} outside the Quarkus application (the offline CLI, the benchmark), read from the
 * same sources in the same order: explicit overrides, system properties, environment variables
 * ({@code JIKJI_DATA_DIR}), application.properties, then the mapping's defaults.
 */
public final class StandaloneConfig {

    private StandaloneConfig() {}

    /**
     * @param defaults  values that beat application.properties but not the environment (ordinal 275)
     * @param overrides values that beat everything (ordinal 1000)
     */
    public static JikjiConfig load(Map<String, String> defaults, Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(defaults, "jikji-standalone-defaults", 275))
                .withSources(new PropertiesConfigSource(overrides, "jikji-standalone-overrides", 1000))
                .withMapping(JikjiConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                // Quarkus's own "120s" style, as for jikji.generator.timeout
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter());
        URL properties = StandaloneConfig.class.getResource("/application.properties");
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builder.build().getConfigMapping(JikjiConfig.class);
    }
}
