package org.elasticslurm.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML scenario of the differential suite runs in the lab and has a complete golden trace per version (those of
 * 24.11 and 26.05 may end with the abort the real daemon caused: a wait for 22.05's state).
 */
class DifferentialFilesTest {

    static List<String> scenarios() {
        return DifferentialFiles.scenarioNames();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioTranslatesAndHasACompleteRealTraceOfEachVersion(String name) {
        Scenario scenario = DifferentialScenario.read(DifferentialFiles.file(name));

        assertThat(scenario.name()).as("the name the golden traces are filed under").isEqualTo(name);
        for (String version : List.of("22.05", "24.11", "26.05")) {
            Path golden = DifferentialFiles.goldenTrace(name, version);
            assertThat(golden).as("recorded real trace of %s on %s", name, version).exists();
            Trace trace = Trace.read(golden);
            assertThat(trace.lines().get(0).kind()).isEqualTo("start");
            assertThat(trace.lines().get(trace.lines().size() - 1).kind()).isEqualTo("end");
            assertThat(trace.subjects("state")).as("every node is sampled")
                    .containsExactlyInAnyOrderElementsOf(scenario.nodes());
        }
        assertThat(Trace.read(DifferentialFiles.goldenTrace(name, "22.05")).ofKind("abort"))
                .as("the 22.05 golden trace comes from a run that finished its steps").isEmpty();
    }
}
