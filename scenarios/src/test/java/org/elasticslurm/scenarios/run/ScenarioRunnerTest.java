package org.elasticslurm.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {
    @TempDir
    Path dir;

    private final ScenarioRunner runner = new ScenarioRunner(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    /**
     * A target whose lab is a script: state changes and hook calls appear when virtual time reaches them; it
     * records when each action was performed and cannot inject faults.
     */
    static final class ScriptedTarget implements Target {
        final List<StateChange> states = new ArrayList<>();
        final List<HookCall> hooks = new ArrayList<>();
        final List<Stage> stages = new ArrayList<>();
        final List<String> performed = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        boolean failOpen;
        boolean failObserving;
        boolean closed;
        Duration maxTimeReached = Duration.ZERO;

        @Override
        public TargetKind kind() {
            return TargetKind.SIM;
        }

        @Override
        public Optional<String> cannotRun(Step.Action action) {
            return action instanceof Step.InjectFault ? Optional.of("the scripted lab has no backend") : Optional.empty();
        }

        @Override
        public Optional<String> cannotCheck(Expectation e) {
            return e instanceof Expectation.DefunctProcesses ? Optional.of("no real processes") : Optional.empty();
        }

        @Override
        public TargetSession open(LoadedScenario scenario, ProgressListener progress) {
            if (failOpen) {
                throw new TargetException("slurmctld did not start", null);
            }
            return new TargetSession() {
                Duration now = Duration.ZERO;

                @Override
                public Duration now() {
                    return now;
                }

                @Override
                public void advanceTo(Duration time) {
                    if (time.compareTo(now) > 0) {
                        now = time;
                        maxTimeReached = now;
                    }
                }

                @Override
                public Duration pollInterval() {
                    return Duration.ofMillis(500);
                }

                @Override
                public StepResult perform(Step.Action action) {
                    performed.add(action.describe() + " @" + now.toMillis());
                    return StepResult.ok("done");
                }

                @Override
                public Observations observations() {
                    if (failObserving) {
                        throw new TargetException("slurmctld went away", null);
                    }
                    return new Observations(states.stream().filter(s -> s.at().compareTo(now) <= 0).toList(),
                            hooks.stream().filter(h -> h.at().compareTo(now) <= 0).toList(), List.of(), Map.of(),
                            Optional.empty(), Optional.empty(), stages.stream()
                            .filter(s -> s.start().plus(s.duration()).compareTo(now) <= 0).toList());
                }

                @Override
                public void ended(boolean passed) {
                    ended.add((passed ? "passed" : "did not pass") + (closed ? " after close" : ""));
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    private LoadedScenario load(String body) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                slurm-conf:
                  text: |
                    NodeName=n1 State=CLOUD CPUs=1
                    PartitionName=p Nodes=n1
                """ + body);
        var s = new ScenarioParser().parse(file);
        return new LoadedScenario(s, new SlurmConfParser(SlurmVersion.V22_05)
                .parse("NodeName=n1 State=CLOUD CPUs=1\n", file), SlurmVersion.V22_05);
    }

    private static StateChange state(int millis, String s) {
        return new StateChange(Duration.ofMillis(millis), "n1", NodeState.parse(s));
    }

    @Test
    void stepsStartAtTheirAtTimesAndExpectationsAreDecidedOnTheWay() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));
        lab.states.add(state(1_100, "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP"));
        lab.states.add(state(4_100, "IDLE+CLOUD"));
        lab.hooks.add(new HookCall(Duration.ofMillis(800), HookRole.RESUME, List.of("n1")));

        ScenarioResult r = runner.run(load("""
                steps:
                  - submit: srun -w n1 hostname
                  - slurmd: n1
                    flags: [-b]
                    at: 3.6s
                    id: boot
                expect:
                  - hook: resume
                    args: n1
                    within: 2s
                    after: job1
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: n1
                    within: 2s
                    after: boot
                  - stays: IDLE+CLOUD
                    node: n1
                    during: 10s
                    after: idle
                """), lab, ProgressListener.NONE);

        assertThat(lab.performed).containsExactly("submit srun -w n1 hostname @0", "start slurmd -N n1 -b @3600");
        assertThat(r.verdicts()).extracting(v -> v.verdict()).containsOnly(Verdict.PASSED);
        assertThat(r.passed()).isTrue();
        // waited for the 10 s window after 4.1 s, and not much longer
        assertThat(lab.maxTimeReached).isBetween(Duration.ofMillis(14_100), Duration.ofMillis(14_600));
        assertThat(lab.closed).isTrue();
    }

    @Test
    void aStepTheTargetCannotRunIsReportedNotApplicableWithTheReason() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        ScenarioResult r = runner.run(load("""
                steps:
                  - fault: create-fails
                  - submit: srun -w n1 hostname
                """), lab, ProgressListener.NONE);

        assertThat(r.steps()).extracting(StepOutcome::status)
                .containsExactly(StepOutcome.Status.NOT_APPLICABLE, StepOutcome.Status.DONE);
        assertThat(r.steps().get(0).detail()).isEqualTo("not applicable on sim: the scripted lab has no backend");
        assertThat(lab.performed).containsExactly("submit srun -w n1 hostname @0");
    }

    @Test
    void theDifferentialSuitesStepsAreNotApplicableOnATargetWhichIsNotAskedToRunThem() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        ScenarioResult r = runner.run(load("""
                steps:
                  - run: srun -w n1 sleep 5
                    id: bg1
                    background: true
                  - mark: half-way
                  - log: power_save
                  - run: sinfo
                """), lab, ProgressListener.NONE);

        assertThat(r.steps()).extracting(StepOutcome::status).containsExactly(StepOutcome.Status.NOT_APPLICABLE,
                StepOutcome.Status.NOT_APPLICABLE, StepOutcome.Status.NOT_APPLICABLE, StepOutcome.Status.DONE);
        assertThat(r.steps().get(0).detail()).isEqualTo("not applicable on sim: only the differential suite carries "
                + "this step out (it records it in a trace)");
        assertThat(lab.performed).containsExactly("run on controller: sinfo @0");
    }

    @Test
    void anExpectationOfOtherVersionsIsNotApplicableAndItsIdFollowsTheOneOfThisVersion() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));
        lab.states.add(state(30_000, "IDLE+CLOUD"));
        LoadedScenario s = load("""
                steps:
                  - advance: 1s
                expect:
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: n1
                    within: 3s
                    versions: 22.05
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: n1
                    within: 35s
                    versions: [24.11, 26.05]
                  - stays: IDLE+CLOUD
                    node: n1
                    during: 5s
                    after: idle
                """);

        ScenarioResult r = runner.run(new LoadedScenario(s.scenario(), s.slurmConf(),
                org.elasticslurm.conf.SlurmVersion.V24_11), lab, ProgressListener.NONE);

        assertThat(r.verdicts()).extracting(v -> v.verdict())
                .containsExactly(Verdict.NOT_APPLICABLE, Verdict.PASSED, Verdict.PASSED);
        assertThat(r.verdicts().get(0).detail()).isEqualTo("not applicable on Slurm 24.11: holds for Slurm 22.05 only");
        ScenarioResult old = runner.run(s, new ScriptedTarget(), ProgressListener.NONE); // loaded for 22.05
        assertThat(old.verdicts()).extracting(v -> v.verdict())
                .containsExactly(Verdict.FAILED, Verdict.NOT_APPLICABLE, Verdict.FAILED);
    }

    @Test
    void anExpectationTheTargetCannotObserveIsNotApplicableNotPassed() throws IOException {
        ScenarioResult r = runner.run(load("""
                steps:
                  - advance: 1s
                expect:
                  - defunct-processes: none
                """), new ScriptedTarget(), ProgressListener.NONE);
        assertThat(r.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
            assertThat(v.detail()).isEqualTo("not applicable on sim: no real processes");
        });
    }

    @Test
    void aWaitThatNeverHoldsFailsAtItsTimeout() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));
        ScenarioResult r = runner.run(load("""
                steps:
                  - wait: {node: n1, state: idle}
                    timeout: 5s
                """), lab, ProgressListener.NONE);
        assertThat(r.steps()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(StepOutcome.Status.FAILED);
            assertThat(s.finishedAt()).isEqualTo(Duration.ofSeconds(5));
            assertThat(s.detail()).isEqualTo("timed out after 5s: not n1 is idle");
        });
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aWaitEndsAsSoonAsItsConditionHolds() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));
        lab.states.add(state(2_200, "IDLE+CLOUD"));
        ScenarioResult r = runner.run(load("""
                steps:
                  - wait: {node: n1, state: idle}
                    timeout: 30s
                    id: up
                  - submit: srun -w n1 hostname
                """), lab, ProgressListener.NONE);
        assertThat(r.steps().get(0).finishedAt()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(lab.performed).containsExactly("submit srun -w n1 hostname @2500");
    }

    @Test
    void aStageIsHeardOnceAndWhileAWaitStepStillWaits() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));
        lab.hooks.add(new HookCall(Duration.ofSeconds(20), HookRole.RESUME_FAIL, List.of("n1")));
        lab.stages.add(new Stage("n1", "machine started -> DHCP lease", Duration.ofSeconds(1), Duration.ofSeconds(4)));
        List<String> heard = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void stage(Stage stage) {
                heard.add("stage " + stage.node() + " " + stage.name() + " heard at " + lab.maxTimeReached.toMillis());
            }

            @Override
            public void stepFinished(StepOutcome outcome) {
                heard.add("step " + outcome.index() + " finished at " + outcome.finishedAt().toMillis());
            }
        };

        runner.run(load("""
                steps:
                  - wait: {hook: resume-fail}
                    timeout: 60s
                """), lab, listener);

        assertThat(heard).containsExactly("stage n1 machine started -> DHCP lease heard at 5000",
                "step 1 finished at 20000");
    }

    @Test
    void anExpectationNeverMetFailsWhenTheRunReachesItsLimit() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));
        ScenarioResult r = runner.run(load("""
                timeout: 20s
                steps:
                  - submit: srun -w n1 hostname
                expect:
                  - job: job1
                """), lab, ProgressListener.NONE);
        assertThat(lab.maxTimeReached).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.detail()).isEqualTo("no record of job1 when the run ended");
        });
    }

    @Test
    void aLabThatCannotBeSetUpGivesAnErrorResult() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.failOpen = true;
        ScenarioResult r = runner.run(load("steps:\n  - advance: 1s\n"), lab, ProgressListener.NONE);
        assertThat(r.error()).hasValue("could not set up sim: slurmctld did not start");
        assertThat(r.passed()).isFalse();
    }

    @Test
    void theSessionHearsBeforeItClosesThatTheRunPassed() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();

        ScenarioResult r = runner.run(load("steps:\n  - advance: 1s\n"), lab, ProgressListener.NONE);

        assertThat(r.passed()).isTrue();
        assertThat(lab.ended).containsExactly("passed");
        assertThat(lab.closed).isTrue();
    }

    @Test
    void theSessionHearsBeforeItClosesThatAFailedRunDidNotPass() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.states.add(state(0, "IDLE+CLOUD+POWERED_DOWN"));

        runner.run(load("""
                steps:
                  - wait: {node: n1, state: idle}
                    timeout: 2s
                """), lab, ProgressListener.NONE);

        assertThat(lab.ended).containsExactly("did not pass");
        assertThat(lab.closed).isTrue();
    }

    @Test
    void aRunEndedByAnExceptionClosesItsSessionWithoutSayingItPassed() throws IOException {
        ScriptedTarget lab = new ScriptedTarget();
        lab.failObserving = true;
        LoadedScenario scenario = load("""
                steps:
                  - wait: {node: n1, state: idle}
                    timeout: 2s
                """);

        assertThatThrownBy(() -> runner.run(scenario, lab, ProgressListener.NONE))
                .isInstanceOf(TargetException.class).hasMessage("slurmctld went away");

        assertThat(lab.ended).isEmpty();
        assertThat(lab.closed).isTrue();
    }

    @Test
    void theDerivedLimitCoversStepsAndWindows() throws IOException {
        var s = load("""
                steps:
                  - submit: srun -w n1 hostname
                  - advance: 10s
                    at: 5s
                  - wait: {job: job1}
                    timeout: 30s
                expect:
                  - reaches: idle
                    node: n1
                    within: 20s
                """);
        assertThat(ScenarioRunner.limit(s.scenario())).isEqualTo(Duration.ofSeconds(5 + 10 + 30 + 20 + 60));
    }
}
