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

    /**
     * The golden traces that end with an {@code abort}, as {@code scenario@version}: their scenario stops early on
     * that version (NOTES.md of the traces says why); every other scenario runs to its end on every version.
     */
    private static final java.util.Set<String> STOPS_EARLY = java.util.Set.of(
            "privatedata-cloud-off@24.11", "privatedata-cloud-off@26.05",
            "resume-rate-timeout-batch@24.11", "resume-rate-timeout-batch@26.05",
            "resume-rate-timeout-long@24.11", "resume-rate-timeout-long@26.05",
            "resume-rate-timeout-rate1@24.11", "resume-rate-timeout-rate1@26.05",
            "resume-rate-timeout-srun@24.11", "resume-rate-timeout-srun@26.05",
            "resume-rate@26.05",
            "resume-timeout-psi30-batch@24.11", "resume-timeout-psi30-batch@26.05",
            "resume-timeout-psi30@24.11", "resume-timeout-psi30@26.05",
            "resume-timeout-stale-boot-rts2@24.11", "resume-timeout-stale-boot-rts2@26.05",
            "return-to-service-0@24.11", "return-to-service-0@26.05",
            "return-to-service-2@24.11", "return-to-service-2@26.05");

    static List<String> scenarios() {
        return DifferentialFiles.scenarioNames();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyScenarioTranslatesAndHasCompleteRealTracesOf2411And2605(String name) {
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
            if (!STOPS_EARLY.contains(name + "@" + version)) {
                assertThat(trace.ofKind("abort")).as("the %s golden trace of %s comes from a run that finished its "
                        + "steps", version, name).isEmpty();
            }
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
