package org.elasticslurm.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.real.HookSpec;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {

    private static final String CONF = """
            SlurmctldParameters=idle_on_node_suspend,power_save_interval=5
            NodeName=node1 State=CLOUD
            NodeName=node2 State=CLOUD
            """;

    private final ScenarioParser parser = new ScenarioParser();

    private Scenario parse(String text) {
        return parser.parse("s", "s.scenario", text, name -> new ConfTemplate(name, CONF));
    }

    @Test
    void readsDescriptionHeaderAndEveryKindOfStep() {
        Scenario scenario = parse("""
                # First line of the description,
                # second line.

                # not part of the description
                conf x.slurm.conf
                hook resume mode 775
                hook suspend absent
                bg job1 srun -w node1 hostname
                run up scontrol update nodename=node1 state=power_up
                at 3.5
                sleep 2
                slurmd node1 -b
                kill-slurmd node1
                mark job-done-wait
                wait-state node1 IDLE+CLOUD+POWERED_DOWN 60
                wait-job job1 20
                log power_save .*
                expect-log 10 Still waiting for boot of node node1
                """);

        assertThat(scenario.description()).isEqualTo("First line of the description,\nsecond line.");
        assertThat(scenario.nodes()).containsExactly("node1", "node2");
        assertThat(scenario.powerSaveInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(scenario.hooks()).containsExactly(new HookSpec("resume", 0775, true), new HookSpec("suspend", 0, false),
                HookSpec.valid("resumefail"));
        List<Step> steps = scenario.steps();
        assertThat(steps).hasSize(11);
        assertThat(steps.get(0)).isEqualTo(new Step.Background("job1", "srun -w node1 hostname", "bg job1 srun -w node1 hostname"));
        assertThat(steps.get(1)).isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.command()).isEqualTo("scontrol update nodename=node1 state=power_up"));
        assertThat(steps.get(2)).isInstanceOfSatisfying(Step.At.class,
                a -> assertThat(a.since()).isEqualTo(Duration.ofMillis(3500)));
        assertThat(steps.get(4)).isInstanceOfSatisfying(Step.StartSlurmd.class,
                s -> assertThat(s.args()).containsExactly("-b"));
        assertThat(steps.get(7)).isInstanceOfSatisfying(Step.WaitState.class, w -> {
            assertThat(w.state()).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
            assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(60));
        });
        assertThat(steps.get(9)).isInstanceOfSatisfying(Step.Log.class, l -> {
            assertThat(l.required()).isFalse();
            assertThat(l.pattern().pattern()).isEqualTo("power_save .*");
        });
        assertThat(steps.get(10)).isInstanceOfSatisfying(Step.Log.class, l -> {
            assertThat(l.required()).isTrue();
            assertThat(l.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(l.pattern().pattern()).isEqualTo("Still waiting for boot of node node1");
        });
    }

    @Test
    void powerSaveIntervalDefaultsToTenSeconds() {
        Scenario scenario = parser.parse("s", "s.scenario", "conf c\nmark x\n", n -> new ConfTemplate(n, "NodeName=n1\n"));

        assertThat(scenario.powerSaveInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesAnUnknownStepNamingFileLineAndTheKnownOnes() {
        assertThatThrownBy(() -> parse("conf c\nstart_slurmd node1\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("s.scenario:2: unknown step 'start_slurmd'")
                .hasMessageContaining("wait-state");
    }

    @Test
    void refusesANodeThatTheTemplateDoesNotDefine() {
        assertThatThrownBy(() -> parse("conf c\nslurmd node9 -b\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.scenario:2: node 'node9' is not defined in the slurm.conf template (nodes: [node1, node2])");
    }

    @Test
    void refusesWaitingForACommandThatWasNotStarted() {
        assertThatThrownBy(() -> parse("conf c\nwait-job job1 10\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.scenario:2: wait-job job1: no earlier 'bg job1 ...' step");
    }

    @Test
    void refusesACommandNameUsedTwice() {
        assertThatThrownBy(() -> parse("conf c\nrun a sinfo\nbg a sinfo\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.scenario:3: command name 'a' is used twice");
    }

    @Test
    void refusesStepsBeforeTheConfLine() {
        assertThatThrownBy(() -> parse("mark x\nconf c\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.scenario:1: the first line that is not a comment must be 'conf FILE'");
    }

    @Test
    void refusesHookChangesAfterTheFirstStep() {
        assertThatThrownBy(() -> parse("conf c\nmark x\nhook resume mode 775\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.scenario:3: 'hook' must come before the first step");
    }

    @Test
    void refusesANonOctalHookMode() {
        assertThatThrownBy(() -> parse("conf c\nhook resume mode 789\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.scenario:2: expected 'hook NAME mode OCTAL | hook NAME absent' with an octal mode");
    }

    @Test
    void refusesSecondsThatAreNotANumber() {
        assertThatThrownBy(() -> parse("conf c\nat soon\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.scenario:2: 'soon' is not a number of seconds (e.g. 3 or 3.5)");
    }

    @Test
    void refusesAnInvalidRegularExpression() {
        assertThatThrownBy(() -> parse("conf c\nlog (unclosed\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("s.scenario:2: invalid regular expression");
    }

    @Test
    void refusesAWaitStateWithoutTimeout() {
        assertThatThrownBy(() -> parse("conf c\nwait-state node1 IDLE\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.scenario:2: expected 'wait-state NODE STATE TIMEOUT'");
    }

    @Test
    void refusesAFileWithoutConf() {
        assertThatThrownBy(() -> parse("# only a comment\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("s.scenario: no 'conf FILE' line");
    }
}
