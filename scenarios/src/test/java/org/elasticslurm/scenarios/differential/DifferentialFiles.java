package org.elasticslurm.scenarios.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the differential suite's files are (tests run in the module directory): the YAML scenarios of
 * {@code differential/} and the levels of {@code levels/} that the suite runs (Level 0), their golden traces in
 * fake-slurmctld's {@code src/test/differential/traces/<name>.real-<version>.trace}.
 */
final class DifferentialFiles {

    static final Path SCENARIOS = Path.of("differential");
    static final Path LEVELS = Path.of("levels");
    static final Path TRACES = Path.of("..", "fake-slurmctld", "src", "test", "differential", "traces");
    /** The Slurm versions the golden traces are recorded from. */
    static final List<String> VERSIONS = List.of("22.05", "24.11", "26.05");
    /** The levels whose runs the suite compares with golden traces. */
    static final List<String> LEVELS_COMPARED = List.of("level0");

    private DifferentialFiles() {
    }

    /** Every scenario the suite runs, sorted. */
    static List<String> scenarioNames() {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return Stream.concat(LEVELS_COMPARED.stream(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - ".yaml".length())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML file of a scenario the suite runs. */
    static Path file(String name) {
        return LEVELS_COMPARED.contains(name) ? LEVELS.resolve(name + ".yaml") : SCENARIOS.resolve(name + ".yaml");
    }

    /**
     * The versions a scenario has golden traces of: every version, but 22.05 not for a scenario whose slurm.conf
     * 22.05 refuses (a key of the later versions; {@code DifferentialFilesTest} checks that this is why).
     */
    static List<String> versions(String name) {
        return VERSIONS.stream().filter(v -> Files.exists(goldenTrace(name, v))).toList();
    }

    /** The golden trace of a scenario on the real daemons of a version. */
    static Path goldenTrace(String name, String version) {
        return TRACES.resolve(name + ".real-" + version + ".trace");
    }
}
