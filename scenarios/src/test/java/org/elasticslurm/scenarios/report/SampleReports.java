package org.elasticslurm.scenarios.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.run.ExpectationChecker;
import org.elasticslurm.scenarios.run.StepSpan;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.RecordedTrace;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * Reports to render in tests: level0's expectations checked against the recorded run of the real slurmctld
 * 22.05, and a failing three-node run with a step and an expectation that do not apply.
 */
final class SampleReports {
    static final Instant STARTED = Instant.parse("2026-11-28T15:00:00Z");

    private SampleReports() {
    }

    static ScenarioResult level0OnRealTrace() {
        Scenario level0 = new ScenarioParser().parse(Path.of(System.getProperty("scenarios.levels", "levels"))
                .resolve("level0.yaml"));
        RecordedTrace real = RecordedTrace.read(Path.of("src/test/resources/traces/level0.real-22.05.trace"));
        Duration submit = real.event("bg", "job1").orElseThrow();
        Duration slurmd = real.event("slurmd", "node1").orElseThrow();
        Duration end = Duration.ofMillis(36_000);
        List<ExpectationVerdict> verdicts = new ExpectationChecker().check(level0.expectations(),
                new ExpectationChecker.Input(real.observations(), Map.of("job1", StepSpan.at(submit), "slurmd-by-hand", StepSpan.at(slurmd)),
                        end, true, e -> e instanceof Expectation.JobOutcome
                        ? Optional.of("not applicable on real-slurm trace: the trace records no job outcomes")
                        : Optional.empty()));
        List<StepOutcome> steps = List.of(
                new StepOutcome(1, level0.steps().get(0).describe(), StepOutcome.Status.DONE, submit, submit, ""),
                new StepOutcome(2, level0.steps().get(1).describe(), StepOutcome.Status.DONE, slurmd, slurmd, ""));
        return new ScenarioResult(level0.name(), level0.description(), level0.file(), TargetKind.REAL_SLURM,
                Duration.ofMillis(36_400), end, real.observations(), steps, verdicts, Optional.empty());
    }

    static ScenarioResult failingBurst() {
        List<StateChange> states = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String node = "n" + n;
            states.add(new StateChange(Duration.ZERO, node, NodeState.parse("IDLE+CLOUD+POWERED_DOWN")));
        }
        states.add(new StateChange(Duration.ofMillis(200), "n1", NodeState.parse("ALLOCATED+CLOUD+POWERED_DOWN")));
        states.add(new StateChange(Duration.ofMillis(200), "n2", NodeState.parse("ALLOCATED+CLOUD+POWERED_DOWN")));
        states.add(new StateChange(Duration.ofMillis(1_000), "n1",
                NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")));
        states.add(new StateChange(Duration.ofMillis(31_000), "n1", NodeState.parse("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING")));
        states.add(new StateChange(Duration.ofMillis(12_000), "n2",
                NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")));
        states.add(new StateChange(Duration.ofMillis(20_000), "n2", NodeState.parse("ALLOCATED+CLOUD")));
        states.sort(java.util.Comparator.comparing(StateChange::at));
        List<HookCall> hooks = List.of(
                new HookCall(Duration.ofMillis(1_000), HookRole.RESUME, List.of("n1")),
                new HookCall(Duration.ofMillis(12_000), HookRole.RESUME, List.of("n2")),
                new HookCall(Duration.ofMillis(31_000), HookRole.RESUME_FAIL, List.of("n1")));
        Observations obs = new Observations(states, hooks, List.of(), Map.of("job1", new JobRecord("job1",
                JobState.NODE_FAIL, Optional.of(Duration.ofMillis(31_000)), "srun: error: Node failure on n1")),
                Optional.of(List.of("lab-n1")), Optional.empty(),
                List.of(new Stage("n2", "machine started", Duration.ofMillis(12_100), Duration.ofMillis(6_000)),
                        new Stage("n2", "slurmd registered", Duration.ofMillis(18_100), Duration.ofMillis(1_900))));
        List<StepOutcome> steps = List.of(
                new StepOutcome(1, "submit srun -N2 -w n[1-2] hostname", StepOutcome.Status.DONE, Duration.ZERO,
                        Duration.ofMillis(200), "job 1 submitted"),
                new StepOutcome(2, "inject fault no-address on n1", StepOutcome.Status.NOT_APPLICABLE,
                        Duration.ofMillis(200), Duration.ofMillis(200), "not applicable on sim: <no backend> & co"));
        List<ExpectationVerdict> verdicts = List.of(
                new ExpectationVerdict(1, "resume hook called with n[1-2] within 2s after job1", Verdict.FAILED,
                        Optional.empty(), "resume n[1-2] was not called between 0s and 2s; other calls: n1 at 1s"),
                new ExpectationVerdict(2, "job1 ends COMPLETED", Verdict.FAILED, Optional.empty(),
                        "job1 ended NODE_FAIL, not COMPLETED; output: srun: error: Node failure on n1"),
                new ExpectationVerdict(3, "no defunct process is left behind", Verdict.NOT_APPLICABLE,
                        Optional.empty(), "not applicable on sim: no real processes"),
                new ExpectationVerdict(4, "n2 reaches ALLOCATED+CLOUD within 30s after job1", Verdict.PASSED,
                        Optional.of(Duration.ofSeconds(20)), "n2 became ALLOCATED+CLOUD at 20s, 20s after 0s"));
        return new ScenarioResult("burst-with-fault", "A two-node job whose first node never gets an address.",
                Path.of("failures/burst-with-fault.yaml"), TargetKind.SIM, Duration.ofMillis(150),
                Duration.ofSeconds(40), obs, steps, verdicts, Optional.empty());
    }

    static RunReport both() {
        return new RunReport("elastic-lab replay level0 burst-with-fault", STARTED,
                List.of(level0OnRealTrace(), failingBurst()));
    }
}
