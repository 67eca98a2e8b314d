package org.elasticslurm.scenarios.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.real.HookSpec;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.scenario.Step;
import org.elasticslurm.scenarios.parse.ScenarioException;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.junit.jupiter.api.Test;

class DifferentialScenarioTest {

    private static final Path FILE = Path.of("differential/example.yaml");
    private static final String CONF = """
            slurm-conf:
              text: |
                SlurmctldHost=$HOST($CTLD_ADDR)
                SuspendProgram=$LAB/hooks/suspend
                ResumeProgram=$LAB/hooks/resume
                ResumeFailProgram=$LAB/hooks/resumefail
                SuspendTime=15
                NodeName=node1 State=CLOUD CPUs=1 Port=17101 NodeAddr=127.0.0.1
            """;

    @Test
    void levelZeroBecomesTheLabStepsOfTheFormerDifferentialScript() {
        Scenario scenario = DifferentialScenario.read(Path.of("levels/level0.yaml"), SlurmVersion.V22_05);

        assertThat(scenario.name()).isEqualTo("level0");
        assertThat(scenario.nodes()).containsExactly("node1");
        assertThat(scenario.powerSaveInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(scenario.confTemplate().text()).contains("SlurmctldHost=$HOST(127.0.0.1)")
                .doesNotContain("$CTLD_ADDR");
        assertThat(scenario.hooks()).containsExactly(HookSpec.valid("resume"), HookSpec.valid("suspend"),
                HookSpec.valid("resumefail"));
        assertThat(scenario.steps()).containsExactly(
                new Step.At(Duration.ZERO, "at 0"),
                new Step.Background("job1", "srun -w node1 hostname", "bg job1 srun -w node1 hostname"),
                new Step.WaitState("node1", "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP", Duration.ofSeconds(15),
                        "wait-state node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP 15"),
                new Step.At(Duration.ofMillis(3500), "at 3.5"),
                new Step.StartSlurmd("node1", List.of("-b"), "slurmd node1 -b"),
                new Step.WaitJob("job1", Duration.ofSeconds(45), "wait-job job1 45"),
                new Step.WaitState("node1", "IDLE+CLOUD+POWERED_DOWN", Duration.ofSeconds(60),
                        "wait-state node1 IDLE+CLOUD+POWERED_DOWN 60"));
    }

    @Test
    void aHookModeLaysTheRecordingProgramOutWithThatMode() {
        Scenario scenario = translate("""
                hooks:
                  resume: {preset: noop, mode: "0644"}
                steps:
                  - advance: 1s
                """);

        assertThat(scenario.hooks()).contains(new HookSpec("resume", 0644, true));
    }

    @Test
    void runLogMarkAndStopStepsBecomeTheLabStepsTheTraceNames() {
        Scenario scenario = translate("""
                steps:
                  - run: timeout 12 srun -w node1 hostname
                    id: job1
                    background: true
                  - run: scontrol update nodename=node1 state=power_up
                    id: up
                  - wait: {job: job1}
                    timeout: 20s
                  - stop: slurmd
                    node: node1
                  - mark: killed
                  - log: 'Still waiting for boot of node \\S+'
                    timeout: 10s
                  - log: power_save
                """);

        assertThat(scenario.steps()).extracting(Step::source).containsExactly(
                "bg job1 timeout 12 srun -w node1 hostname",
                "run up scontrol update nodename=node1 state=power_up",
                "wait-job job1 20",
                "kill-slurmd node1",
                "mark killed",
                "expect-log 10 Still waiting for boot of node \\S+",
                "log power_save");
        assertThat(scenario.steps().get(0)).isEqualTo(new Step.Background("job1", "timeout 12 srun -w node1 hostname",
                "bg job1 timeout 12 srun -w node1 hostname"));
        assertThat(scenario.steps().get(1)).isInstanceOf(Step.Run.class);
        assertThat(scenario.steps().get(3)).isEqualTo(new Step.KillSlurmd("node1", "kill-slurmd node1"));
        Step.Log expectLog = (Step.Log) scenario.steps().get(5);
        assertThat(expectLog.required()).isTrue();
        assertThat(expectLog.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(expectLog.pattern().matcher("Still waiting for boot of node node1").find()).isTrue();
        assertThat(((Step.Log) scenario.steps().get(6)).required()).isFalse();
    }

    @Test
    void aSubmitWithAQuotedWordIsRefusedAtItsStep() {
        assertThatThrownBy(() -> translate("""
                steps:
                  - submit: sbatch -w node1 --wrap 'sleep 5'
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("differential/example.yaml:11:5")
                .hasMessageContaining("background: true");
    }

    @Test
    void aRunWithoutAnIdIsRefusedAtItsStep() {
        assertThatThrownBy(() -> translate("""
                steps:
                  - run: sinfo
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("differential/example.yaml:11:5")
                .hasMessageContaining("needs an id");
    }

    @Test
    void aRunInTheBackgroundWithoutAnIdIsRefusedByTheParser() {
        assertThatThrownBy(() -> translate("""
                steps:
                  - run: srun -w node1 hostname
                    background: true
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("differential/example.yaml:12")
                .hasMessageContaining("a run in the background needs an id");
    }

    @Test
    void aLogStepThatIsNotARegularExpressionIsRefusedByTheParser() {
        assertThatThrownBy(() -> translate("""
                steps:
                  - log: 'node[1'
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("differential/example.yaml:11")
                .hasMessageContaining("not a regular expression");
    }

    @Test
    void anAbsentHookIsLeftOutOfTheLab() {
        Scenario scenario = translate("""
                hooks:
                  resume: absent
                steps:
                  - advance: 1s
                """);

        assertThat(scenario.hooks()).contains(new HookSpec("resume", 0, false), HookSpec.valid("suspend"));
    }

    @Test
    void aWaitForAnUnlistedNodeWaitsForTheLabsNotFound() {
        Scenario scenario = translate("""
                steps:
                  - wait: {node: node1, state: NOT_FOUND}
                    timeout: 20s
                """);

        assertThat(scenario.steps()).containsExactly(new Step.WaitState("node1", "NOT_FOUND", Duration.ofSeconds(20),
                "wait-state node1 NOT_FOUND 20"));
    }

    @Test
    void aWaitForAStateInSinfosFormIsRefusedAtItsStep() {
        assertThatThrownBy(() -> translate("""
                steps:
                  - wait: {node: node1, state: idle~}
                    timeout: 10s
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("differential/example.yaml:11:5")
                .hasMessageContaining("as scontrol prints it");
    }

    @Test
    void aStepOfOtherVersionsIsLeftOutOfTheLabStepsOfAVersion() {
        String steps = """
                steps:
                  - wait: {node: node1, state: DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING}
                    timeout: 30s
                    versions: 22.05
                  - wait: {node: node1, state: DOWN+CLOUD+POWERED_DOWN}
                    timeout: 30s
                    versions: [24.11, 26.05]
                  - run: sinfo
                    id: sinfo
                """;

        assertThat(translate(steps, SlurmVersion.V22_05).steps()).extracting(Step::source).containsExactly(
                "wait-state node1 DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING 30", "run sinfo sinfo");
        assertThat(translate(steps, SlurmVersion.V26_05).steps()).extracting(Step::source).containsExactly(
                "wait-state node1 DOWN+CLOUD+POWERED_DOWN 30", "run sinfo sinfo");
    }

    private static Scenario translate(String rest) {
        return translate(rest, SlurmVersion.V22_05);
    }

    private static Scenario translate(String rest, SlurmVersion version) {
        return DifferentialScenario.of(new ScenarioParser().parse("name: example\n" + CONF + rest, FILE), version);
    }
}
