package org.elasticslurm.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.trace.Aspect;
import org.elasticslurm.lab.trace.Tolerances;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recorded real traces are complete and belong to the scenarios (a script here or a YAML scenario of scenarios'
 * differential suite, which checks its own traces); Level 0 agrees with the shared trace.
 */
class GoldenTracesTest {

    static List<String> scenarios() {
        return DifferentialFiles.scenarioNames();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioParsesAndHasACompleteRealTrace(String name) {
        Scenario scenario = DifferentialFiles.scenario(name);
        Path golden = DifferentialFiles.goldenTrace(scenario);

        assertThat(golden).as("recorded real trace of %s", name).exists();
        Trace trace = Trace.read(golden);
        assertThat(trace.lines().get(0).kind()).isEqualTo("start");
        assertThat(trace.lines().get(trace.lines().size() - 1).kind()).isEqualTo("end");
        assertThat(trace.ofKind("abort")).as("a golden trace comes from a run that finished its steps").isEmpty();
        assertThat(trace.subjects("state")).as("every node is sampled").containsExactlyInAnyOrderElementsOf(scenario.nodes());
    }

    @Test
    void everyRecordedTraceBelongsToAScenario() throws IOException {
        List<String> scenarios = new ArrayList<>(DifferentialFiles.scenarioNames());
        scenarios.addAll(DifferentialFiles.yamlScenarioNames());
        try (Stream<Path> traces = Files.list(DifferentialFiles.TRACES)) {
            assertThat(traces.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace"))
                    .map(n -> n.substring(0, n.indexOf('.'))))
                    .allSatisfy(n -> assertThat(scenarios).contains(n));
        }
    }

    @Test
    void level0ReproducesTheSharedReferenceTrace() {
        Trace shared = Trace.read(DifferentialFiles.ROOT.resolve("shared/level0.real-22.05.trace"));
        Trace ours = Trace.read(DifferentialFiles.TRACES.resolve("level0.real-22.05.trace"));
        TraceComparator statesAndHooks = new TraceComparator(Tolerances.forPowerSaveInterval(Duration.ofSeconds(10))
                .only(EnumSet.of(Aspect.STATES, Aspect.STATE_TIMES, Aspect.HOOKS, Aspect.HOOK_TIMES)));

        assertThat(statesAndHooks.compare(shared, ours).report()).isEmpty();
    }
}
