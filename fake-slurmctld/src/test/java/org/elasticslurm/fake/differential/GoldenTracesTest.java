package org.elasticslurm.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.trace.Aspect;
import org.elasticslurm.lab.trace.Tolerances;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The recorded real traces are complete and belong to the scenarios; Level 0 agrees with the shared trace. */
class GoldenTracesTest {

    static List<String> scenarios() {
        return DifferentialFiles.scenarioNames();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioParsesAndHasACompleteRealTrace(String name) {
        Scenario scenario = DifferentialFiles.scenario(name);

        for (Path golden : DifferentialFiles.realTraces(scenario, name)) {
            assertThat(golden).as("recorded real trace of %s", name).exists();
            Trace trace = Trace.read(golden);
            assertThat(trace.lines().get(0).kind()).isEqualTo("start");
            assertThat(trace.lines().get(trace.lines().size() - 1).kind()).isEqualTo("end");
            assertThat(trace.ofKind("abort")).as("a golden trace comes from a run that finished its steps").isEmpty();
            assertThat(trace.subjects("state")).as("every node is sampled")
                    .containsExactlyInAnyOrderElementsOf(scenario.nodes());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void exactlyTheScenariosLeftOutOf2205HaveASlurmConfThat2205Refuses(String name) throws IOException {
        Scenario scenario = DifferentialFiles.scenario(name);
        Path conf = DifferentialFiles.SCENARIOS.resolve(name + ".slurm.conf");
        String text = Files.readString(conf).replace("$LAB", "/lab").replace("$HOST", "labhost");

        if (DifferentialFiles.WITHOUT_2205.contains(name)) {
            assertThatThrownBy(() -> new SlurmConfParser(SlurmVersion.V22_05).parse(text, conf))
                    .hasMessageContaining("Parsing error at unrecognized key");
        } else {
            assertThat(new SlurmConfParser(SlurmVersion.V22_05).parse(text, conf).nodes()).isNotEmpty();
        }
        assertThat(scenario.nodes()).isNotEmpty();
    }

    @Test
    void everyRecordedTraceBelongsToAScenario() throws IOException {
        List<String> scenarios = DifferentialFiles.scenarioNames();
        try (Stream<Path> traces = Files.list(DifferentialFiles.TRACES)) {
            assertThat(traces.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace"))
                    .map(n -> n.substring(0, n.indexOf('.'))))
                    .allSatisfy(n -> assertThat(scenarios).contains(n));
        }
    }

    @Test
    void level0ReproducesTheSharedReferenceTrace() {
        Scenario level0 = DifferentialFiles.scenario("level0");
        Trace shared = Trace.read(DifferentialFiles.ROOT.resolve("shared/level0.real-22.05.trace"));
        Trace ours = Trace.read(DifferentialFiles.goldenTrace(level0));
        TraceComparator statesAndHooks = new TraceComparator(Tolerances.forPowerSaveInterval(Duration.ofSeconds(10))
                .only(EnumSet.of(Aspect.STATES, Aspect.STATE_TIMES, Aspect.HOOKS, Aspect.HOOK_TIMES)));

        assertThat(statesAndHooks.compare(shared, ours).report()).isEmpty();
    }
}
