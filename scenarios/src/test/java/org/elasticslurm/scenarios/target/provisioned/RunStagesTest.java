package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.Test;

class RunStagesTest {
    private static final Instant ZERO = Instant.parse("2026-11-28T19:00:00Z");

    private static OperationRecord op(String id, String kind, double at, String status, String phase, String message) {
        return new OperationRecord(ZERO.plusMillis((long) (at * 1000)), id, kind, "test1", status, phase,
                Optional.of(message));
    }

    private static Duration s(double seconds) {
        return Duration.ofMillis((long) (seconds * 1000));
    }

    @Test
    void aResumeIsCutIntoConsecutiveStagesFromTheHookToTheJobAndASuspendIntoItsDestroy() {
        List<OperationRecord> ops = List.of(
                op("r", "RESUME", 1.0, "RUNNING", "CREATING", "started"),
                op("r", "RESUME", 1.8, "RUNNING", "BOOTING", "machine running, waiting for its address"),
                op("r", "RESUME", 1.9, "RUNNING", "BOOTING", "address 10.77.0.11"),
                op("r", "RESUME", 2.0, "RUNNING", "READY", "scontrol update nodename=test1 nodeaddr=10.77.0.11"),
                op("r", "RESUME", 2.1, "SUCCEEDED", "READY", "succeeded"),
                op("s", "SUSPEND", 90.0, "RUNNING", "DESTROYING", "started"),
                op("s", "SUSPEND", 92.0, "SUCCEEDED", "POWERED_DOWN", "succeeded"));
        List<HookCall> hooks = List.of(new HookCall(s(0.6), HookRole.RESUME, List.of("test1")));
        List<StateChange> states = List.of(
                new StateChange(s(0.5), "test1", NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")),
                new StateChange(s(50.0), "test1", NodeState.parse("ALLOCATED+CLOUD")),
                new StateChange(s(52.0), "test1", NodeState.parse("IDLE+CLOUD")));
        Map<String, JobRecord> jobs = Map.of("job1", new JobRecord("job1", JobState.COMPLETED, Optional.of(s(53.0)),
                "test1\n"));

        List<Stage> stages = new RunStages(ZERO).derive(ops, hooks, states, jobs);

        assertThat(stages).containsExactly(
                new Stage("test1", RunStages.HOOK, s(0.6), s(0.4)),
                new Stage("test1", RunStages.CREATE, s(1.0), s(0.8)),
                new Stage("test1", RunStages.BOOT, s(1.8), s(0.1)),
                new Stage("test1", RunStages.REPORT, s(1.9), s(0.2)),
                new Stage("test1", RunStages.REGISTER, s(2.1), s(47.9)),
                new Stage("test1", RunStages.JOB, s(50.0), s(3.0)),
                new Stage("test1", RunStages.DESTROY, s(90.0), s(2.0)));
    }

    @Test
    void aNodeThatNeverCameUpHasNoRegistrationStage() {
        List<OperationRecord> ops = List.of(
                op("r", "RESUME", 1.0, "RUNNING", "CREATING", "started"),
                op("r", "RESUME", 1.8, "RUNNING", "BOOTING", "machine running"),
                op("r", "RESUME", 2.1, "SUCCEEDED", "READY", "succeeded"));
        List<StateChange> states = List.of(
                new StateChange(s(0.5), "test1", NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")),
                new StateChange(s(125.0), "test1", NodeState.parse("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING")));

        List<Stage> stages = new RunStages(ZERO).derive(ops, List.of(), states, Map.of());

        assertThat(stages).extracting(Stage::name).containsExactly(RunStages.CREATE)
                .doesNotContain(RunStages.REGISTER, RunStages.HOOK);
    }
}
