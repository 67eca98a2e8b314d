package org.elasticslurm.fake.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.ConfTemplate;

/**
 * The differential suite's files (tests run in the module directory): the golden traces under
 * {@code src/test/differential/traces}, recorded from the real daemons, and the YAML scenarios they belong to, in
 * the sibling module scenarios ({@code scenarios/differential/<name>.yaml} and Level 0,
 * {@code scenarios/levels/level0.yaml}), whose {@code DifferentialIT} runs them against these traces.
 */
final class DifferentialFiles {

    static final Path ROOT = Path.of("src/test/differential");
    static final Path TRACES = ROOT.resolve("traces");
    /** scenarios' differential YAML scenarios (the module directories are siblings). */
    static final Path YAML_SCENARIOS = Path.of("..", "scenarios", "differential");

    private DifferentialFiles() {
    }

    /** Names of the differential scenarios, sorted. */
    static List<String> yamlScenarioNames() {
        try (Stream<Path> files = Files.list(YAML_SCENARIOS)) {
            return Stream.concat(Stream.of("level0"), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - ".yaml".length())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The slurm.conf template of a differential scenario that has it in a file of its own. */
    static ConfTemplate template(String name) {
        Path file = YAML_SCENARIOS.resolve(name + ".slurm.conf");
        try {
            return new ConfTemplate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
