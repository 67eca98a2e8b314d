package org.elasticslurm.fake.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.ScenarioParser;

/** The differential suite's files under {@code src/test/differential} (tests run in the module directory). */
final class DifferentialFiles {

    static final Path ROOT = Path.of("src/test/differential");
    static final Path SCENARIOS = ROOT.resolve("scenarios");
    static final Path TRACES = ROOT.resolve("traces");
    /** scenarios' differential YAML scenarios (the module directories are siblings). */
    static final Path YAML_SCENARIOS = Path.of("..", "scenarios", "differential");
    /** The side whose traces are the golden files. */
    static final String REAL = SlurmCommands.debian().label();

    private DifferentialFiles() {
    }

    /** Names of all scenarios ({@code <name>.scenario}), sorted. */
    static List<String> scenarioNames() {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scenario"))
                    .map(n -> n.substring(0, n.length() - ".scenario".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Names of the differential scenarios written in YAML, which scenarios' {@code DifferentialIT} runs against
     * these traces: {@code scenarios/differential/<name>.yaml} and Level 0 ({@code scenarios/levels/level0.yaml}).
     */
    static List<String> yamlScenarioNames() {
        try (Stream<Path> files = Files.list(YAML_SCENARIOS)) {
            return Stream.concat(Stream.of("level0"), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - ".yaml".length())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scenario scenario(String name) {
        return new ScenarioParser().parse(SCENARIOS.resolve(name + ".scenario"));
    }

    static Path goldenTrace(Scenario scenario) {
        return scenario.traceIn(TRACES, REAL);
    }
}
