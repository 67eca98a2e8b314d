package org.elasticslurm.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML scenario of the differential suite runs in the lab and has complete golden traces of 24.11 and 26.05
 * (which may end with the abort the real daemon caused: a wait for 22.05's state) and of 22.05 unless 22.05 refuses
 * its slurm.conf.
 */
class DifferentialFilesTest {

    static List<String> scenarios() {
        return DifferentialFiles.scenarioNames();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioTranslatesAndRunsToItsEndInTheRealTraceOfEveryVersion(String name) {
        assertThat(DifferentialFiles.versions(name)).as("versions with a recorded real trace of %s", name)
                .contains("24.11", "26.05");
        for (String version : DifferentialFiles.versions(name)) {
            Scenario scenario = DifferentialScenario.read(DifferentialFiles.file(name),
                    SlurmVersion.find(version).orElseThrow());
            assertThat(scenario.name()).as("the name the golden traces are filed under").isEqualTo(name);
            Trace trace = Trace.read(DifferentialFiles.goldenTrace(name, version));
            assertThat(trace.lines().get(0).kind()).isEqualTo("start");
            assertThat(trace.lines().get(trace.lines().size() - 1).kind()).isEqualTo("end");
            assertThat(trace.subjects("state")).as("every node is sampled")
                    .containsExactlyInAnyOrderElementsOf(scenario.nodes());
            assertThat(trace.ofKind("abort")).as("the %s golden trace of %s comes from a run that finished its steps "
                    + "(a wait whose state differs per version is written per version)", version, name).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void exactlyTheScenariosWithoutA2205TraceHaveASlurmConfThat2205Refuses(String name) {
        Scenario scenario = DifferentialScenario.read(DifferentialFiles.file(name), SlurmVersion.V24_11);
        String text = scenario.confTemplate().text().replace("$LAB", "/lab").replace("$HOST", "labhost");
        Path conf = DifferentialFiles.file(name);
        SlurmConfParser v2205 = new SlurmConfParser(SlurmVersion.V22_05);

        if (DifferentialFiles.versions(name).contains("22.05")) {
            assertThat(v2205.parse(text, conf).nodes()).isNotEmpty();
        } else {
            assertThatThrownBy(() -> v2205.parse(text, conf)).hasMessageContaining("Parsing error at unrecognized key");
        }
    }
}
