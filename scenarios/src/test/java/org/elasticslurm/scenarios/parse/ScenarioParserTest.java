package org.elasticslurm.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.elasticslurm.scenarios.model.Anchor;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {
    private static final String HEAD = """
            name: demo
            slurm-conf:
              text: |
                NodeName=node1 State=CLOUD CPUs=1
            """;

    @TempDir
    Path dir;

    private final ScenarioParser parser = new ScenarioParser();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private ScenarioException failure(String text) throws IOException {
        Path file = write("s.yaml", text);
        return catchThrowableOfType(ScenarioException.class, () -> parser.parse(file));
    }

    @Test
    void readsEveryPartOfAScenario() throws IOException {
        Path file = write("demo.yaml", """
                name: demo
                description: all parts
                targets: [sim, real-slurm]
                slurm-conf:
                  text: |
                    NodeName=node1 State=CLOUD CPUs=1
                    SuspendTime=15
                hooks:
                  resume: noop
                  suspend: {preset: log, mode: "0775"}
                sim:
                  boot-delay: 1.5s
                steps:
                  - submit: srun -w node1 'host name'
                    at: 0s
                  - slurmd: node1
                    flags: [-b]
                    id: boot
                    at: 3.6s
                  - advance: 2m
                  - scontrol: update nodename=node1 state=power_down
                  - wait: {node: node1, state: idle~}
                    timeout: 30s
                  - fault: slow-boot
                    delay: 90s
                    nodes: node1
                    times: 2
                expect:
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: node1
                    within: 2s
                    after: boot
                  - stays: idle
                    node: node1
                    during: 15s
                    after: idle
                  - hook: resume-fail
                    times: 0
                  - job: job1
                    state: COMPLETED
                    output: node1
                """);
        Scenario s = parser.parse(file);

        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.targets()).containsExactly(TargetKind.SIM, TargetKind.REAL_SLURM);
        assertThat(s.slurmConf()).isInstanceOfSatisfying(SlurmConfSource.Inline.class, c -> {
            assertThat(c.text()).isEqualTo("NodeName=node1 State=CLOUD CPUs=1\nSuspendTime=15\n");
            assertThat(c.firstLine()).isEqualTo(6);
            assertThat(c.firstColumn()).isEqualTo(5);
        });
        assertThat(s.hooks().get(HookRole.RESUME)).isEqualTo(
                new HookSpec.Preset(HookPreset.NOOP, OptionalInt.empty(), s.hooks().get(HookRole.RESUME).position()));
        assertThat(s.hooks().get(HookRole.SUSPEND).mode()).hasValue(0775);
        assertThat(s.sim().bootDelay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.steps()).hasSize(6);
        assertThat(s.steps().get(0)).isInstanceOfSatisfying(Step.Submit.class, sub -> {
            assertThat(sub.jobId()).isEqualTo("job1");
            assertThat(sub.args()).containsExactly("-w", "node1", "host name");
        });
        assertThat(s.steps().get(1)).isInstanceOfSatisfying(Step.StartSlurmd.class, sd -> {
            assertThat(sd.bootTimeFromStart()).isTrue();
            assertThat(sd.header().at()).hasValue(Duration.ofMillis(3600));
        });
        assertThat(s.steps().get(3)).isInstanceOfSatisfying(Step.ScontrolUpdate.class,
                u -> assertThat(u.settings()).containsEntry("state", "POWER_DOWN"));
        assertThat(s.expectations().get(1).header().after()).isEqualTo(new Anchor.AfterExpectation("idle"));
        assertThat(s.expectations().get(0).header().after()).isEqualTo(new Anchor.AfterStep("boot"));
        assertThat(s.expectations().get(2)).isInstanceOfSatisfying(Expectation.HookCalled.class,
                h -> assertThat(h.times()).hasValue(0));
    }

    @Test
    void unknownTopLevelKeyNamesLineColumnSuggestionAndAllowedKeys() throws IOException {
        ScenarioException e = failure(HEAD + "tagret: sim\nsteps:\n  - advance: 1s\n");
        assertThat(e).hasMessage(dir.resolve("s.yaml") + ":5:1: unknown key 'tagret' in scenario; did you mean "
                + "'targets'?; allowed: " + String.join(", ", ScenarioParser.TOP_KEYS));
        assertThat(e.key()).hasValue("tagret");
        assertThat(e.allowed()).contains("targets", "steps");
    }

    @Test
    void unknownKeyInAStepPointsAtTheKey() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - submit: srun -w node1 hostname
                    tagret: sim
                """);
        assertThat(e.getMessage()).endsWith(":7:5: unknown key 'tagret' in submit step; allowed: submit, id, at, versions");
    }

    @Test
    void unknownTargetValueListsTheTargets() throws IOException {
        ScenarioException e = failure(HEAD + "targets: [sim, qemuu]\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":5:16: unknown target 'qemuu' in targets; did you mean 'qemu'?; "
                + "allowed: sim, fake-realtime, libvirt-test, qemu, real-slurm");
    }

    @Test
    void badDurationStatesTheRuleAtTheValue() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - advance: 30\n");
        assertThat(e.getMessage()).contains(":6:14: bad value for 'advance' in advance step: '30' has no unit; "
                + "a duration is a number with a unit ms, s, m or h");
    }

    @Test
    void badNodeStateListsTheFlags() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - advance: 1s
                expect:
                  - reaches: IDLE+CLOUDY
                    node: node1
                    within: 2s
                """);
        assertThat(e.getMessage()).contains(":8:14: bad node state for 'reaches' in reaches expectation: "
                + "unknown state flag 'CLOUDY'; allowed: CLOUD, COMPLETING");
    }

    @Test
    void aStepWithTwoActionsIsRefused() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - submit: srun -w node1 hostname
                    slurmd: node1
                """);
        assertThat(e.getMessage()).contains(":7:5: step has two actions, 'submit' and 'slurmd'");
    }

    @Test
    void aMisspeltActionIsSuggested() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - sbumit: srun -w node1 hostname\n");
        assertThat(e.getMessage()).contains(":6:5: unknown key 'sbumit' in step 1; did you mean 'submit'?");
    }

    @Test
    void stepsMustNotGoBackInTime() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - advance: 1s
                    at: 5s
                  - advance: 1s
                    at: 3s
                """);
        assertThat(e.getMessage()).contains(":9:9: at 3s is earlier than the previous step's at 5s");
    }

    @Test
    void duplicateKeysAreRefusedWithTheFirstLine() throws IOException {
        ScenarioException e = failure(HEAD + "name: again\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":5:1: duplicate key 'name' in scenario (first at line 1)");
    }

    @Test
    void yamlSyntaxErrorsCarryTheirPosition() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - advance: [1s\n");
        assertThat(e.getMessage()).containsPattern(":\\d+:\\d+: not valid YAML: ");
        assertThat(e.position().line()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void emptyFileSaysWhatIsNeeded() throws IOException {
        assertThat(failure("").getMessage()).endsWith("s.yaml: the file is empty; a scenario needs at least the "
                + "keys name, slurm-conf and steps");
    }

    @Test
    void missingRequiredKeyIsNamed() throws IOException {
        assertThat(failure("name: x\nsteps:\n  - advance: 1s\n").getMessage())
                .contains(":1:1: missing key 'slurm-conf' in scenario");
    }

    @Test
    void afterMustNameAStepOrAnEarlierExpectation() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - submit: srun -w node1 hostname
                expect:
                  - hook: resume
                    after: later
                  - hook: suspend
                    id: later
                """);
        assertThat(e.getMessage()).contains(":9:12: 'after: later' names neither a step nor an earlier expectation")
                .contains("known: start, job1");
    }

    @Test
    void jobExpectationMustNameASubmitStep() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - submit: srun -w node1 hostname
                expect:
                  - job: job2
                    state: COMPLETED
                """);
        assertThat(e.getMessage()).contains(":8:10: unknown job 'job2'; jobs of this scenario (its submit steps): job1");
    }

    @Test
    void aJobMustEndInAFinalState() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - submit: srun -w node1 hostname
                expect:
                  - job: job1
                    state: RUNNING
                """);
        assertThat(e.getMessage()).contains("job state RUNNING is not a final state").contains("NODE_FAIL");
    }

    @Test
    void aPresetMustFitItsRole() throws IOException {
        ScenarioException e = failure(HEAD + "hooks:\n  suspend: remote-slurmd\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":6:12: hook preset 'remote-slurmd' cannot serve as the suspend program; "
                + "presets for suspend: noop, log, provisioner");
    }

    @Test
    void unknownPresetListsThePresets() throws IOException {
        ScenarioException e = failure(HEAD + "hooks:\n  resume: nop\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":6:11: unknown hook preset 'nop' for 'resume' in hooks; did you mean "
                + "'noop'?; allowed: noop, log, remote-slurmd, remote-slurmd-fixed, provisioner");
    }

    @Test
    void hookModeMustBeOctal() throws IOException {
        ScenarioException e = failure(HEAD + "hooks:\n  resume: {preset: noop, mode: rwxr-x}\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains("bad mode 'rwxr-x' for hook resume: an octal file mode");
    }

    @Test
    void siteHookProgramMustExist() throws IOException {
        ScenarioException e = failure(HEAD + "hooks:\n  resume: {program: bin/resume}\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains("hook program 'bin/resume' for resume not found (looked for "
                + dir.resolve("bin/resume") + ")");
    }

    @Test
    void slurmConfFileResolvesNextToTheScenario() throws IOException {
        write("site.conf", "NodeName=n1 State=CLOUD\n");
        Scenario s = parser.parse(write("s.yaml", "name: x\nslurm-conf:\n  file: site.conf\nsteps:\n  - advance: 1s\n"));
        assertThat(s.slurmConf()).isEqualTo(new SlurmConfSource.File(dir.resolve("site.conf"),
                s.slurmConf().position()));
    }

    @Test
    void slurmConfTakesFileOrTextNotBoth() throws IOException {
        ScenarioException e = failure("name: x\nslurm-conf:\n  file: a\n  text: |\n    x=1\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":3:3: slurm-conf takes exactly one of 'file'");
    }

    @Test
    void inlineSlurmConfMustBeALiteralBlock() throws IOException {
        ScenarioException e = failure("name: x\nslurm-conf:\n  text: >\n    x=1\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains("slurm-conf text must be a literal block");
    }

    @Test
    void scontrolStateIsCheckedAgainstScontrolsStates() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - scontrol: update nodename=node1 state=POWER_OFF\n");
        assertThat(e.getMessage()).contains("invalid node state 'POWER_OFF' for scontrol update; allowed: POWER_DOWN, ");
    }

    @Test
    void scontrolDownNeedsAReasonAsScontrolDoes() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - scontrol: update nodename=node1 state=down\n");
        assertThat(e.getMessage()).contains("state=DOWN needs reason=...");
    }

    @Test
    void submitTakesSrunOrSbatch() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - submit: salloc -w node1\n");
        assertThat(e.getMessage()).contains(":6:13: unknown submit command 'salloc'; allowed: srun, sbatch");
    }

    @Test
    void slowBootNeedsADelay() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - fault: slow-boot\n");
        assertThat(e.getMessage()).contains("fault slow-boot needs 'delay'");
    }

    @Test
    void stopSlurmdNamesTheNode() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - stop: slurmd\n");
        assertThat(e.getMessage()).contains(":6:5: missing key 'node' in stop step");
    }

    @Test
    void duplicateIdsAreRefused() throws IOException {
        ScenarioException e = failure(HEAD + """
                steps:
                  - submit: srun -w node1 hostname
                  - advance: 1s
                    id: job1
                """);
        assertThat(e.getMessage()).contains(":8:9: id 'job1' is used by an earlier step");
    }

    @Test
    void waitForAJobNamesAnEarlierSubmit() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - wait: {job: job1}\n    timeout: 5s\n"
                + "  - submit: srun -w node1 hostname\n");
        assertThat(e.getMessage()).contains(":6:17: unknown job 'job1' in wait; jobs submitted by earlier steps: none");
    }

    @Test
    void waitNeedsATimeout() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - submit: srun -w node1 hostname\n  - wait: {job: job1}\n");
        assertThat(e.getMessage()).contains("missing key 'timeout' in wait step");
    }

    @Test
    void unterminatedQuoteInACommandIsRefused() throws IOException {
        ScenarioException e = failure(HEAD + "steps:\n  - submit: srun -w node1 'hostname\n");
        assertThat(e.getMessage()).contains("cannot split 'submit' into words: unterminated single quote");
    }

    @Test
    void aListWhereAValueBelongsIsRefused() throws IOException {
        ScenarioException e = failure("name: [a, b]\nslurm-conf: {text: x}\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":1:7: 'name' in scenario must be a single value, found a list");
    }

    @Test
    void unreadableFileIsReportedAsSuch() {
        assertThatThrownBy(() -> parser.parse(dir.resolve("missing.yaml")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("missing.yaml: cannot read the scenario file");
    }
}
