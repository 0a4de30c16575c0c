package dev.jikji.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After {@code package}: the build output the Dockerfiles copy exists (the fast-jar layout of
 * target/quarkus-app/), so {@code docker build} will find every COPY source.
 */
class PackagedAppIT {

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void everyBuildOutputTheDockerfileCopiesExists(String name) throws Exception {
        var sources = DockerfilesTest.copySources(DockerfilesTest.parse(Manifests.ROOT.resolve("src/main/docker").resolve(name)));
        int checked = 0;
        for (String src : sources) {
            if (!src.startsWith("target/")) continue;
            checked++;
            if (src.contains("*")) {
                Path dir = Manifests.ROOT.resolve(src.substring(0, src.lastIndexOf('/')));
                String glob = src.substring(src.lastIndexOf('/') + 1);
                try (var matches = Files.newDirectoryStream(dir, glob)) {
                    assertThat(matches.iterator().hasNext()).as(src + " matches a file").isTrue();
                }
            } else {
                assertThat(Files.exists(Manifests.ROOT.resolve(src))).as(src + " exists after package").isTrue();
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
        assertThat(ServerProcess.JAR).isRegularFile();
        assertThat(Manifests.ROOT.resolve("target/quarkus-app/lib/main")).isDirectory();
    }
}
