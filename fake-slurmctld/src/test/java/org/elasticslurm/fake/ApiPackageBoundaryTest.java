package org.elasticslurm.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API package ({@code org.elasticslurm.fake.api}) sits on top of the emulator: it uses the other packages, none of
 * them uses it, so no package cycle runs through it.
 */
class ApiPackageBoundaryTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path API = MAIN_SOURCES.resolve("org/elasticslurm/fake/api");

    @Test
    void noPackageOfTheEmulatorUsesTheApiPackage() throws IOException {
        assertThat(API.resolve("SimulatedSlurm.java")).exists();
        List<String> users;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            users = files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(API))
                    .filter(ApiPackageBoundaryTest::mentionsApi)
                    .map(p -> MAIN_SOURCES.relativize(p).toString()).sorted().toList();
        }
        assertThat(users).as("fake-slurmctld classes outside org.elasticslurm.fake.api that use it").isEmpty();
    }

    private static boolean mentionsApi(Path file) {
        try {
            return Files.readString(file).contains("org.elasticslurm.fake.api.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
