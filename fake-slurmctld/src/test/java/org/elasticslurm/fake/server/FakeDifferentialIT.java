package org.elasticslurm.fake.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.ScenarioParser;
import org.elasticslurm.lab.scenario.ScenarioRun;
import org.elasticslurm.lab.scenario.ScenarioRunner;
import org.elasticslurm.lab.trace.Tolerances;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceComparator;
import org.elasticslurm.lab.trace.TraceComparison;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof: the differential scenarios, run by slurm-lab's lab with the fake's {@code target/bin} first on
 * PATH (fake slurmctld, fake slurmd, drop-in clients), compared with the recorded traces of the real slurmctld
 * 22.05 ({@code src/test/differential/traces/<name>.real-22.05.trace}) within power_save_interval + 2 s.
 * {@code -Ddifferential.scenarios=level0,hook-775} runs only those. Each run's logs are kept under
 * {@code target/differential/<scenario>.fake/}.
 */
@CpuCost(0) // the fake writes its node states to a feed (no JVM per sample): about 0.06 core a lab, mostly sleeping
@ExtendWith(DropInCommandsAvailable.class)
@Execution(ExecutionMode.CONCURRENT)
class FakeDifferentialIT {

    private static final Path SCENARIOS = Path.of("src/test/differential/scenarios");
    private static final Path TRACES = Path.of("src/test/differential/traces");
    private static final SlurmCommands FAKE = SlurmCommands.inDirectory("fake", FakeCluster.BIN);

    @Test
    void level0OnTheFakeMatchesTheRecordedRealTrace() {
        assertMatchesRealTrace("level0");
    }

    static Stream<String> scenarios() {
        String only = System.getProperty("differential.scenarios", "");
        List<String> names = only.isBlank() ? allScenarios() : Arrays.asList(only.split(","));
        return names.stream().filter(n -> !n.equals("level0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioOnTheFakeMatchesTheRecordedRealTrace(String name) {
        assertMatchesRealTrace(name);
    }

    private static void assertMatchesRealTrace(String name) {
        Comparison c = compare(name);
        assertThat(c.run().abort()).as("%s on the fake stopped early; trace:%n%s", name, c.run().trace()).isEmpty();
        assertThat(c.comparison().differences())
                .as("%s on the fake differs from the real trace:%n%s%n--- fake trace:%n%s", name,
                        c.comparison().report(), c.run().trace())
                .isEmpty();
    }

    private record Comparison(ScenarioRun run, TraceComparison comparison) {
    }

    private static Comparison compare(String name) {
        Scenario scenario = new ScenarioParser().parse(SCENARIOS.resolve(name + ".scenario"));
        ScenarioRun run = new ScenarioRunner(FAKE, LabPlacement.fromSystemProperties(), Clock.systemUTC(),
                Optional.of(Path.of("target/differential"))).run(scenario);
        Trace real = Trace.read(scenario.traceIn(TRACES, SlurmCommands.debian().label()));
        TraceComparison comparison = new TraceComparator(Tolerances.forPowerSaveInterval(
                scenario.powerSaveInterval())).compare(real, run.trace());
        return new Comparison(run, comparison);
    }

    private static List<String> allScenarios() {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scenario"))
                    .map(n -> n.substring(0, n.length() - ".scenario".length()))
                    // a scenario whose slurm.conf 22.05 refuses has no 22.05 trace (GoldenTracesTest)
                    .filter(n -> Files.exists(TRACES.resolve(n + ".real-22.05.trace"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
