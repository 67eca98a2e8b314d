package org.elasticslurm.scenarios.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.StateChange;

/** Results of bursts over many nodes, built by hand, for the reports' grouping and size. */
final class ManyNodeReports {
    private ManyNodeReports() {
    }

    /**
     * A burst of {@code nodes} nodes woken in waves of {@code wave} nodes 10 s apart: every node goes idle~ at 0s,
     * mix~ at 800ms, mix# when its wave is resumed, mix 30 s later.
     */
    static ScenarioResult burst(int nodes, int wave) {
        List<StateChange> states = new ArrayList<>();
        List<HookCall> hooks = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            String node = "test" + n;
            Duration resumed = Duration.ofMillis(1_800 + 10_000L * ((n - 1) / wave));
            states.add(new StateChange(Duration.ZERO, node, NodeState.parse("IDLE+CLOUD+POWERED_DOWN")));
            states.add(new StateChange(Duration.ofMillis(800), node, NodeState.parse("MIXED+CLOUD+POWERED_DOWN")));
            states.add(new StateChange(resumed, node, NodeState.parse("MIXED+CLOUD+POWERING_UP")));
            states.add(new StateChange(resumed.plusSeconds(30), node, NodeState.parse("MIXED+CLOUD")));
            if ((n - 1) % wave == 0) {
                hooks.add(new HookCall(resumed, HookRole.RESUME,
                        List.of("test[" + n + "-" + Math.min(nodes, n + wave - 1) + "]")));
            }
        }
        states.sort(java.util.Comparator.comparing(StateChange::at));
        Observations obs = new Observations(states, hooks, List.of(), Map.of(), Optional.empty(), Optional.empty(),
                List.of());
        return new ScenarioResult("site-burst", "A burst.", Path.of("site-burst.yaml"), TargetKind.SIM,
                Duration.ofMillis(300), Duration.ofSeconds(10L * (nodes / wave) + 60), obs, List.of(), List.of(
                new ExpectationVerdict(1, "resume hook called", Verdict.PASSED, Optional.of(Duration.ofMillis(1_800)),
                        "resume called")), Optional.empty());
    }

    /** A burst whose ResumeProgram slurmctld refused: power saving off, the resume hook never called. */
    static ScenarioResult powerSaveDisabled(int nodes, String program) {
        List<StateChange> states = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            states.add(new StateChange(Duration.ZERO, "test" + n, NodeState.parse("IDLE+CLOUD+POWERED_DOWN")));
        }
        List<LogLine> log = List.of(
                new LogLine(Duration.ZERO, "slurmctld", "error: power_save program " + program
                        + " has group or world write permission"),
                new LogLine(Duration.ZERO, "slurmctld", "error: power_save module disabled, invalid ResumeProgram "
                        + program));
        Observations obs = new Observations(states, List.of(), log, Map.of(), Optional.empty(), Optional.empty(),
                List.of());
        return new ScenarioResult("site-burst", "A burst.", Path.of("site-burst.yaml"), TargetKind.SIM,
                Duration.ofMillis(300), Duration.ofMinutes(12), obs, List.of(), List.of(
                new ExpectationVerdict(1, "resume hook called within 12s after job1", Verdict.FAILED,
                        Optional.empty(), "resume was not called between 0s and 12s")), Optional.empty());
    }
}
