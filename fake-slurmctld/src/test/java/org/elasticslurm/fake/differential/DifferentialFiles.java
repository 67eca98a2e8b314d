package org.elasticslurm.fake.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.ScenarioParser;

/** The differential suite's files under {@code src/test/differential} (tests run in the module directory). */
final class DifferentialFiles {

    static final Path ROOT = Path.of("src/test/differential");
    static final Path SCENARIOS = ROOT.resolve("scenarios");
    static final Path TRACES = ROOT.resolve("traces");
    /** The side whose traces are the golden files. */
    static final String REAL = SlurmCommands.debian().label();
    /**
     * Scenarios whose slurm.conf 22.05 refuses (a key it does not know stops it: "Parsing error at unrecognized key"):
     * they have real traces of 24.11 and 26.05 only, and the 22.05 runs leave them out.
     */
    static final Set<String> WITHOUT_2205 = Set.of("suspend-exc-states");
    /** The labels of the real traces of a scenario in {@link #WITHOUT_2205}. */
    static final List<String> NEWER_REAL = List.of("real-24.11", "real-26.05");

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

    /** The scenarios that run on 22.05 (all but {@link #WITHOUT_2205}). */
    static List<String> scenarioNames2205() {
        return scenarioNames().stream().filter(n -> !WITHOUT_2205.contains(n)).toList();
    }

    /** The recorded real traces of a scenario: 22.05's, or 24.11's and 26.05's for one of {@link #WITHOUT_2205}. */
    static List<Path> realTraces(Scenario scenario, String name) {
        return WITHOUT_2205.contains(name) ? NEWER_REAL.stream().map(l -> scenario.traceIn(TRACES, l)).toList()
                : List.of(goldenTrace(scenario));
    }

    static Scenario scenario(String name) {
        return new ScenarioParser().parse(SCENARIOS.resolve(name + ".scenario"));
    }

    static Path goldenTrace(Scenario scenario) {
        return scenario.traceIn(TRACES, REAL);
    }
}
