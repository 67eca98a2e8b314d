package org.elasticslurm.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.ScenarioRun;
import org.elasticslurm.lab.scenario.ScenarioRunner;
import org.elasticslurm.lab.trace.Tolerances;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceComparator;
import org.elasticslurm.lab.trace.TraceComparison;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the differential ITs share: which (scenario, version) runs, and one run compared with its golden trace.
 * {@code -Ddifferential.scenarios=a,b} and {@code -Ddifferential.versions=22.05} narrow the runs; each run's logs,
 * slurm.conf and trace are kept under {@code target/differential/<scenario>.<side>/}.
 */
final class DifferentialRuns {

    /** {@code -Ddifferential.record=true}: the real runs rewrite the golden traces. */
    static final boolean RECORD = Boolean.getBoolean("differential.record");

    private DifferentialRuns() {
    }

    /**
     * The (scenario, version) pairs to run: each scenario for the versions it has golden traces of (every version
     * asked for when recording), of {@code defaultVersions} unless {@code -Ddifferential.versions} names others,
     * and where {@code runs} admits the pair.
     */
    static Stream<Arguments> runs(List<String> defaultVersions, BiPredicate<String, String> runs) {
        List<String> only = listProperty("differential.scenarios");
        List<String> asked = listProperty("differential.versions");
        List<String> versions = asked.isEmpty() ? defaultVersions : asked;
        List<String> names = only.isEmpty() ? DifferentialFiles.scenarioNames() : only;
        return DifferentialFiles.VERSIONS.stream().filter(versions::contains)
                .flatMap(v -> names.stream()
                        .filter(n -> RECORD || DifferentialFiles.versions(n).contains(v))
                        .filter(n -> runs.test(n, v))
                        .map(n -> Arguments.of(n, v)));
    }

    /**
     * Runs a scenario on {@code side} and asserts that its trace matches the golden trace of {@code version} within
     * power_save_interval + 2 s; with {@code record}, writes the run's trace as the golden trace first.
     */
    static void assertMatchesGoldenTrace(String name, String version, SlurmCommands side, boolean record) {
        Scenario scenario = DifferentialScenario.read(DifferentialFiles.file(name),
                org.elasticslurm.conf.SlurmVersion.find(version).orElseThrow());

        ScenarioRun run = new ScenarioRunner(side, LabPlacement.fromSystemProperties(), Clock.systemUTC(),
                Optional.of(Path.of("target/differential"))).run(scenario);

        // a run that stops early is compared like the rest: some golden traces end with the abort the real daemon
        // caused (a wait for 22.05's state), and the other side must stop at the same step
        Path golden = DifferentialFiles.goldenTrace(name, version);
        if (record) {
            run.trace().write(golden);
        }
        TraceComparison comparison = new TraceComparator(Tolerances.forPowerSaveInterval(
                scenario.powerSaveInterval())).compare(Trace.read(golden), run.trace());
        assertThat(comparison.differences())
                .as("%s on %s differs from %s:%n%s%n--- trace:%n%s", name, side.label(), golden,
                        comparison.report(), run.trace())
                .isEmpty();
    }

    private static List<String> listProperty(String name) {
        String value = System.getProperty(name, "");
        return value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}
