package org.elasticslurm.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.RecordedTrace;
import org.elasticslurm.scenarios.trace.StateChange;
import org.elasticslurm.scenarios.model.HookRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationCheckerTest {
    private final ExpectationChecker checker = new ExpectationChecker();

    @TempDir
    Path dir;

    static Path levels() {
        return Path.of(System.getProperty("scenarios.levels", "levels"));
    }

    static Path trace(String name) {
        return Path.of("src/test/resources/traces").resolve(name);
    }

    @Test
    void level0ExpectationsHoldOnTheRealSlurmctldTrace() {
        Scenario level0 = new ScenarioParser().parse(levels().resolve("level0.yaml"));
        RecordedTrace real = RecordedTrace.read(trace("level0.real-22.05.trace"));
        Map<String, StepSpan> steps = Map.of(
                "job1", StepSpan.at(real.event("bg", "job1").orElseThrow()),
                "slurmd-by-hand", StepSpan.at(real.event("slurmd", "node1").orElseThrow()));

        List<ExpectationVerdict> verdicts = checker.check(level0.expectations(), new ExpectationChecker.Input(
                real.observations(), steps, Duration.ofMillis(35_900), true,
                e -> ScenarioRunner.notForVersion(e, org.elasticslurm.conf.SlurmVersion.V22_05).or(() ->
                        e instanceof Expectation.JobOutcome ? Optional.of("the trace records no job outcomes")
                                : Optional.empty())));

        assertThat(verdicts).filteredOn(v -> v.verdict() != Verdict.NOT_APPLICABLE)
                .allSatisfy(v -> assertThat(v.verdict()).as(v.description() + ": " + v.detail())
                        .isEqualTo(Verdict.PASSED));
        // the later versions' wake, POWERING_UP and idle windows, and the job outcomes (22.05's and theirs)
        String later = "not applicable on Slurm 22.05: holds for Slurm 24.11, 26.05 only";
        assertThat(verdicts).filteredOn(v -> v.verdict() == Verdict.NOT_APPLICABLE)
                .extracting(ExpectationVerdict::detail).containsExactly(later, later, later,
                        "the trace records no job outcomes", later);
        // the suspend hook in the real run: 21.1 s after the node went idle at 4.7 s
        assertThat(verdicts).filteredOn(v -> v.description().startsWith("suspend hook called"))
                .singleElement().satisfies(v -> assertThat(v.metAt()).hasValue(Duration.ofMillis(25_800)));
    }

    @Test
    void level0WouldCatchASuspendBeforeSuspendTime() {
        Scenario level0 = new ScenarioParser().parse(levels().resolve("level0.yaml"));
        RecordedTrace real = RecordedTrace.read(trace("level0.real-22.05.trace"));
        // an emulator that suspends 5 s after idle instead of after SuspendTime
        List<StateChange> early = real.observations().states().stream()
                .map(c -> c.state().toString().equals("IDLE+CLOUD+POWERING_DOWN")
                        ? new StateChange(Duration.ofMillis(9_700), c.node(), c.state()) : c).toList();
        Observations wrong = new Observations(early, real.observations().hooks(), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), List.of());

        List<ExpectationVerdict> verdicts = checker.check(level0.expectations(), new ExpectationChecker.Input(wrong,
                Map.of("job1", StepSpan.at(Duration.ZERO), "slurmd-by-hand", StepSpan.at(Duration.ofMillis(3_600))), Duration.ofSeconds(40),
                true, e -> Optional.empty()));

        assertThat(verdicts).filteredOn(v -> v.description().startsWith("node1 stays IDLE+CLOUD")).singleElement()
                .satisfies(v -> {
                    assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
                    assertThat(v.detail()).isEqualTo("node1 left IDLE+CLOUD at 9.7s (became IDLE+CLOUD+POWERING_DOWN), "
                            + "5s into the 15s window");
                });
    }

    @Test
    void aHookCalledWhileTheSubmitWasStillBeingSeenCountsAsAfterIt() throws IOException {
        String e = "  - hook: resume\n    args: n1\n    after: job1\n    within: 2s\n";
        Observations obs = new Observations(List.of(), List.of(
                new HookCall(Duration.ofMillis(900), HookRole.RESUME, List.of("n1"))), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), List.of());
        // the submit started at 0.4 s; its job was seen at 0.98 s, after slurmctld had already run the hook
        StepSpan submit = new StepSpan(Duration.ofMillis(400), Duration.ofMillis(980));
        assertThat(check(e, obs, submit, Duration.ofSeconds(3), true)).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(v.metAt()).hasValue(Duration.ofMillis(900));
        });
    }

    @Test
    void aHookCalledBeforeTheSubmitWasIssuedDoesNotCount() throws IOException {
        String e = "  - hook: resume\n    args: n1\n    after: job1\n    within: 2s\n";
        Observations obs = new Observations(List.of(), List.of(
                new HookCall(Duration.ofMillis(300), HookRole.RESUME, List.of("n1"))), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), List.of());
        StepSpan submit = new StepSpan(Duration.ofMillis(400), Duration.ofMillis(980));
        assertThat(check(e, obs, submit, Duration.ofSeconds(3), true)).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.detail()).startsWith("resume n1 was not called between 400ms and 2.98s");
        });
    }

    @Test
    void aHookCalledBetweenTheLastSampleWithoutTheAnchorStateAndTheSampleThatShowsItCountsAsAfterIt()
            throws IOException {
        // burst-above-resume-rate on real 22.05: the job's allocation and the wake fall between two samples; the
        // hook stamps its own call (2.70 s), the sample that first shows node8 allocated began at 2.754 s
        Observations obs = sampledAllocationAndHookAt(2_700, Duration.ofMillis(2_654));

        assertThat(check(BURST_EXPECTATIONS, obs, Duration.ofSeconds(13), true)).satisfiesExactly(
                v -> assertThat(v.verdict()).as(v.detail()).isEqualTo(Verdict.PASSED),
                v -> {
                    assertThat(v.verdict()).as(v.detail()).isEqualTo(Verdict.PASSED);
                    assertThat(v.metAt()).hasValue(Duration.ofMillis(2_700));
                },
                v -> assertThat(v.verdict()).as(v.detail()).isEqualTo(Verdict.PASSED));
    }

    @Test
    void aHookCalledBeforeAnAnchorStateObservedAsItHappenedDoesNotCount() throws IOException {
        Observations obs = sampledAllocationAndHookAt(2_700, Duration.ofMillis(2_754));

        assertThat(check(BURST_EXPECTATIONS, obs, Duration.ofSeconds(13), true)).satisfiesExactly(
                v -> assertThat(v.verdict()).isEqualTo(Verdict.PASSED),
                v -> assertThat(v.detail()).startsWith("resume node[1-4] was not called between 2.754s and 4.754s"),
                v -> assertThat(v.detail()).isEqualTo("resume was called 0 time(s); expected 1"));
    }

    @Test
    void aHookCalledBeforeTheLastSampleWithoutTheAnchorStateDoesNotCount() throws IOException {
        Observations obs = sampledAllocationAndHookAt(2_600, Duration.ofMillis(2_654));

        assertThat(check(BURST_EXPECTATIONS, obs, Duration.ofSeconds(13), true)).satisfiesExactly(
                v -> assertThat(v.verdict()).isEqualTo(Verdict.PASSED),
                v -> assertThat(v.detail()).startsWith("resume node[1-4] was not called between 2.654s and 4.754s"),
                v -> assertThat(v.verdict()).isEqualTo(Verdict.FAILED));
    }

    private static final String BURST_EXPECTATIONS = """
              - reaches: alloc~
                node: node8
                within: 4s
                id: node8-allocated
              - hook: resume
                args: node[1-4]
                after: node8-allocated
                within: 2s
              - hook: resume
                times: 1
                after: node8-allocated
                within: 10s
            """;

    /** node8 seen allocated by the sample that began at 2.754 s, the one before having begun at {@code since}. */
    private static Observations sampledAllocationAndHookAt(int hookMillis, Duration since) {
        List<StateChange> changes = List.of(
                new StateChange(Duration.ofMillis(70), "node8", NodeState.parse("IDLE+CLOUD+POWERED_DOWN")),
                new StateChange(Duration.ofMillis(2_754), "node8", NodeState.parse("ALLOCATED+CLOUD+POWERED_DOWN"),
                        since));
        return new Observations(changes, List.of(new HookCall(Duration.ofMillis(hookMillis), HookRole.RESUME,
                List.of("node[1-4]"))), List.of(), Map.of(), Optional.empty(), Optional.empty(),
                List.of());
    }

    @Test
    void staysCountsFromWhenTheSubmitWasSeenToTakeEffect() throws IOException {
        String e = "  - stays: ALLOCATED+CLOUD+POWERED_DOWN\n    node: n1\n    after: job1\n    during: 1s\n";
        Observations obs = states(0, "n1", "IDLE+CLOUD+POWERED_DOWN", 950, "n1", "ALLOCATED+CLOUD+POWERED_DOWN",
                2500, "n1", "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
        StepSpan submit = new StepSpan(Duration.ofMillis(400), Duration.ofMillis(980));
        assertThat(check(e, obs, submit, Duration.ofSeconds(3), true)).singleElement()
                .satisfies(v -> assertThat(v.verdict()).as(v.detail()).isEqualTo(Verdict.PASSED));
    }

    private List<ExpectationVerdict> check(String expect, Observations obs, StepSpan submit, Duration now,
                                           boolean finished) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                slurm-conf: {text: x}
                steps:
                  - submit: srun -w n1 hostname
                expect:
                """ + expect);
        Scenario s = new ScenarioParser().parse(file);
        return checker.check(s.expectations(), new ExpectationChecker.Input(obs, Map.of("job1", submit), now,
                finished, e -> Optional.empty()));
    }

    private List<ExpectationVerdict> check(String expect, Observations obs, Duration now, boolean finished)
            throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: s
                slurm-conf: {text: x}
                steps:
                  - submit: srun -w n1 hostname
                expect:
                """ + expect);
        Scenario s = new ScenarioParser().parse(file);
        return checker.check(s.expectations(), new ExpectationChecker.Input(obs, Map.of("job1", StepSpan.at(Duration.ZERO)), now,
                finished, e -> Optional.empty()));
    }

    private static Observations states(Object... timeNodeState) {
        List<StateChange> changes = new java.util.ArrayList<>();
        for (int i = 0; i < timeNodeState.length; i += 3) {
            changes.add(new StateChange(Duration.ofMillis((Integer) timeNodeState[i]), (String) timeNodeState[i + 1],
                    NodeState.parse((String) timeNodeState[i + 2])));
        }
        return new Observations(changes, List.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void reachesStaysPendingWhileItsWindowIsOpenThenFailsNamingWhatWasSeen() throws IOException {
        String e = "  - reaches: idle\n    node: n1\n    within: 5s\n";
        Observations obs = states(0, "n1", "IDLE+CLOUD+POWERED_DOWN", 1000, "n1", "IDLE+CLOUD+NOT_RESPONDING+POWERING_UP");
        assertThat(check(e, obs, Duration.ofSeconds(3), false)).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo(Verdict.PENDING));
        assertThat(check(e, obs, Duration.ofSeconds(6), false)).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.detail()).isEqualTo("n1 was not idle between 0s and 5s; seen: IDLE+CLOUD+POWERED_DOWN at 0s, "
                    + "IDLE+CLOUD+NOT_RESPONDING+POWERING_UP at 1s");
        });
    }

    @Test
    void aLaterExpectationFollowingAFailedOneFailsToo() throws IOException {
        String e = """
                  - reaches: idle
                    id: up
                    node: n1
                    within: 1s
                  - stays: idle
                    node: n1
                    during: 5s
                    after: up
                """;
        List<ExpectationVerdict> v = check(e, states(0, "n1", "IDLE+CLOUD+POWERED_DOWN"), Duration.ofSeconds(9), true);
        assertThat(v.get(1).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(v.get(1).detail()).isEqualTo("follows expectation 'up', which was failed");
    }

    @Test
    void hookCalledTooOftenFailsAtOnce() throws IOException {
        String e = "  - hook: resume\n    times: 1\n";
        Observations obs = new Observations(List.of(), List.of(
                new HookCall(Duration.ofSeconds(1), HookRole.RESUME, List.of("n[1-4]")),
                new HookCall(Duration.ofSeconds(12), HookRole.RESUME, List.of("n5"))), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), List.of());
        assertThat(check(e, obs, Duration.ofSeconds(13), false)).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.detail()).isEqualTo("resume was called 2 time(s), at 1s, 12s; expected 1");
        });
    }

    @Test
    void hookArgumentsCompareAsNodeSetsNotAsText() throws IOException {
        String e = "  - hook: resume\n    args: n1,n2,n3\n";
        Observations obs = new Observations(List.of(), List.of(
                new HookCall(Duration.ofSeconds(1), HookRole.RESUME, List.of("n[1-3]"))), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), List.of());
        assertThat(check(e, obs, Duration.ofSeconds(2), false)).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo(Verdict.PASSED));
    }

    @Test
    void jobInTheWrongFinalStateFailsWithItsOutput() throws IOException {
        String e = "  - job: job1\n    state: COMPLETED\n";
        Observations obs = new Observations(List.of(), List.of(), List.of(), Map.of("job1",
                new JobRecord("job1", JobState.NODE_FAIL, Optional.of(Duration.ofSeconds(27)),
                        "srun: error: Node failure on n1\n")), Optional.empty(), Optional.empty(), List.of());
        assertThat(check(e, obs, Duration.ofSeconds(30), false)).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(v.detail()).isEqualTo("job1 ended NODE_FAIL, not COMPLETED; output: srun: error: Node failure on n1");
        });
    }

    @Test
    void noVmLeftIsDecidedAtTheEndOfTheRun() throws IOException {
        String e = "  - no-vm-left: true\n";
        Observations left = new Observations(List.of(), List.of(), List.of(), Map.of(), Optional.of(List.of("test1")),
                Optional.empty(), List.of());
        assertThat(check(e, left, Duration.ofSeconds(5), false).get(0).verdict()).isEqualTo(Verdict.PENDING);
        assertThat(check(e, left, Duration.ofSeconds(5), true).get(0).detail()).isEqualTo("left behind: test1");
    }

    @Test
    void notApplicableExpectationsSayWhy() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "name: s\nslurm-conf: {text: x}\nsteps:\n  - advance: 1s\nexpect:\n"
                + "  - defunct-processes: none\n");
        Scenario s = new ScenarioParser().parse(file);
        assertThat(checker.check(s.expectations(), new ExpectationChecker.Input(Observations.empty(), Map.of(),
                Duration.ZERO, true, x -> Optional.of("not applicable on sim: no real processes"))))
                .singleElement().satisfies(v -> {
                    assertThat(v.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                    assertThat(v.detail()).isEqualTo("not applicable on sim: no real processes");
                });
    }
}
