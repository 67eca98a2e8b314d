package org.elasticslurm.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.ScenarioRun;
import org.elasticslurm.lab.scenario.ScenarioRunner;
import org.elasticslurm.lab.trace.Tolerances;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceComparator;
import org.elasticslurm.lab.trace.TraceComparison;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every differential scenario on each side and compares the new trace with the recorded real trace
 * ({@code src/test/differential/traces/<name>.real-22.05.trace}). On the real side this keeps the harness and the
 * golden files honest; a drop-in side (the fake's {@code target/bin}) joins by one more entry in {@link #sides()}.
 *
 * <p>{@code -Ddifferential.record=true} rewrites the golden traces from the real runs;
 * {@code -Ddifferential.scenarios=level0,hook-775} runs only those scenarios. Each run's logs, slurm.conf and
 * trace are kept under {@code target/differential/<scenario>.<side>/}.
 */
@CpuCost(0) // Debian's daemons sleep on the scan grid
@ExtendWith(RealSlurmAvailable.class)
@Execution(ExecutionMode.CONCURRENT)
class RealSlurmDifferentialIT {

    private static final boolean RECORD = Boolean.getBoolean("differential.record");

    /** The sides every scenario runs on. */
    static Stream<SlurmCommands> sides() {
        return Stream.of(SlurmCommands.debian());
    }

    static Stream<Arguments> runs() {
        String only = System.getProperty("differential.scenarios", "");
        List<String> selected = only.isBlank() ? DifferentialFiles.scenarioNames2205()
                : Arrays.asList(only.split(","));
        return sides().flatMap(side -> selected.stream().map(name -> Arguments.of(name, side)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("runs")
    void scenarioBehavesAsTheRecordedRealDaemon(String name, SlurmCommands side) {
        Scenario scenario = DifferentialFiles.scenario(name);
        ScenarioRunner runner = new ScenarioRunner(side, LabPlacement.fromSystemProperties(), Clock.systemUTC(),
                Optional.of(Path.of("target/differential")));

        ScenarioRun run = runner.run(scenario);

        assertThat(run.abort()).as("%s on %s stopped early; trace:%n%s", name, side.label(), run.trace()).isEmpty();
        Path golden = DifferentialFiles.goldenTrace(scenario);
        if (RECORD && side.label().equals(DifferentialFiles.REAL)) {
            run.trace().write(golden);
        }
        TraceComparison comparison = new TraceComparator(Tolerances.forPowerSaveInterval(scenario.powerSaveInterval()))
                .compare(Trace.read(golden), run.trace());
        assertThat(comparison.differences())
                .as("%s on %s differs from %s:%n%s%n--- new trace:%n%s", name, side.label(), golden,
                        comparison.report(), run.trace())
                .isEmpty();
    }
}
