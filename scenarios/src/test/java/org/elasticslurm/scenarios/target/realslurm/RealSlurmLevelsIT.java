package org.elasticslurm.scenarios.target.realslurm;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The write-up's Levels 0 and 1 (and the fixed Level 1) and the failure scenarios on Debian's slurmctld/slurmd
 * 22.05: the scenario files as they are, run by {@link RealSlurmTarget}; each test also checks that nothing the
 * run started is left.
 */
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(RealSlurmAvailable.class)
class RealSlurmLevelsIT {

    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));
    static final Path FAILURES = LEVELS.resolveSibling("failures");

    private final LeftOvers left = LeftOvers.ofOneTest();
    private final RealSlurmTarget target = left.target();

    /** Runs the file; a lab that could not be set up, or a run that decided nothing, fails the test here. */
    static ScenarioResult run(RealSlurmTarget target, Path file) {
        var loaded = new ScenarioChecker(new SlurmConfParser()).check(new ScenarioParser().parse(file));
        ScenarioResult result = new ScenarioRunner(Clock.systemUTC()).run(loaded, target, new ProgressListener() {
        });
        assertThat(result.error()).as("set-up error of " + file).isEmpty();
        assertThat(result.verdicts()).as("verdicts of " + file).hasSize(loaded.scenario().expectations().size());
        return result;
    }

    @AfterEach
    void nothingOfTheRunIsLeft() throws java.io.IOException {
        assertThat(left.labProcesses()).as("processes of real-slurm labs still running").isEmpty();
        assertThat(left.scratchDirectories()).as("real-slurm scratch directories left in /tmp").isEmpty();
        left.removeParent();
    }

    @Test
    void level0ResumesOnSubmitRunsTheJobAfterSlurmdByHandAndSuspendsTheIdleNode() {
        ScenarioResult result = run(target, LEVELS.resolve("level0.yaml"));

        assertLevel0Outcome(result);
    }

    @Test
    void level1ResumeHookThroughTheRemoteToolRunsTheJobButLeavesDefunctHelpers() {
        ScenarioResult result = run(target, LEVELS.resolve("level1.yaml"));

        ProvisionedLevels.assertApplicablePassed(result);
        assertThat(result.observations().defunctProcesses()).hasValueSatisfying(d ->
                assertThat(d).anySatisfy(p -> assertThat(p).contains("slurmd").endsWith("<defunct>")));
    }

    @Test
    void level1FixedHookRunsTheJobAndLeavesNoDefunctProcess() {
        ScenarioResult result = run(target, LEVELS.resolve("level1-fixed.yaml"));

        ProvisionedLevels.assertApplicablePassed(result);
        assertThat(result.observations().defunctProcesses()).contains(List.of());
    }

    @Test
    void groupWritableResumeProgramTurnsPowerSavingOffAndTheNodeStaysPoweredDown() {
        ScenarioResult result = run(target, FAILURES.resolve("group-writable-hook.yaml"));

        ProvisionedLevels.assertApplicablePassed(result);
        assertThat(result.hookCalls()).isEmpty();
    }

    @Test
    void staleBootTimeTimesOutMarksTheNodeDownCallsResumeFailAndFailsTheJob() {
        ScenarioResult result = run(target, FAILURES.resolve("stale-boot-time.yaml"));

        ProvisionedLevels.assertApplicablePassed(result);
        assertStaleBootTimeOutcome(result);
    }

    @Test
    void burstAboveResumeRateWakesOnlyFourNodesFirstAndTheRestWaitPoweredDown() {
        ScenarioResult result = run(target, FAILURES.resolve("burst-above-resume-rate.yaml"));

        ProvisionedLevels.assertApplicablePassed(result);
        assertThat(result.hookCalls()).first().extracting(HookCall::hook, HookCall::hostlist)
                .containsExactly(HookRole.RESUME, "node[1-4]");
    }

    /**
     * What level0.yaml does on a process lab: every expectation that holds for the run's Slurm version passes, among
     * them ALLOCATED+CLOUD after slurmd -b, which on 22.05 lasts only as long as `hostname` runs (the target dates it
     * from slurmctld's "now responding" line, however short it is).
     */
    static void assertLevel0Outcome(ScenarioResult result) {
        ProvisionedLevels.assertApplicablePassed(result);
        assertThat(result.steps()).allSatisfy(s -> assertThat(s.status().toString()).isEqualTo("DONE"));
        assertThat(result.hookCalls()).extracting(HookCall::hook, HookCall::hostlist)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HookRole.RESUME, "node1"),
                        org.assertj.core.groups.Tuple.tuple(HookRole.SUSPEND, "node1"));
        assertThat(result.observations().jobs().get("job1").state()).isEqualTo(JobState.COMPLETED);
        assertThat(result.observations().jobs().get("job1").output()).isEqualTo("node1\n");
        assertThat(last(result, "node1")).isEqualTo(NodeState.parse("IDLE+CLOUD+POWERED_DOWN"));
    }

    /**
     * What stale-boot-time.yaml (ReturnToService=0) leaves, on any process lab and Slurm version: ResumeFailProgram
     * runs at the first power-save scan past ResumeTimeout (15 s) after the wake, at most a scan interval (10 s, 11 s
     * on 24.11 and 26.05) later; the wake itself may wait for a scan on those versions, so this counts from it.
     */
    static void assertStaleBootTimeOutcome(ScenarioResult result) {
        assertThat(result.hookCalls()).extracting(HookCall::hook, HookCall::hostlist)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HookRole.RESUME, "node1"),
                        org.assertj.core.groups.Tuple.tuple(HookRole.RESUME_FAIL, "node1"));
        assertThat(result.hookCalls().get(1).at().minus(result.hookCalls().get(0).at())).as("wake to resume-fail")
                .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(27));
        assertThat(result.observations().jobs().get("job1").state()).isEqualTo(JobState.NODE_FAIL);
        assertThat(last(result, "node1").sinfoCompact()).as("node1 at the end: %s", last(result, "node1"))
                .isEqualTo("down~");
    }

    static NodeState last(ScenarioResult result, String node) {
        List<StateChange> changes = result.nodeStates().get(node);
        return changes.get(changes.size() - 1).state();
    }
}
