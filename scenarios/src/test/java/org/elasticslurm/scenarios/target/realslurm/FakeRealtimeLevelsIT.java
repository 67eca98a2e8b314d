package org.elasticslurm.scenarios.target.realslurm;

import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.FAILURES;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.LEVELS;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.elasticslurm.scenarios.trace.HookCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every level and failure file that lists {@code fake-realtime} runs green on it: fake-slurmctld's drop-in
 * slurmctld, slurmd and commands as processes on the wall clock ({@link RealSlurmTarget#fakeRealtime()}), the
 * files as they are (Level 0 checked by {@link RealSlurmLevelsIT#assertLevel0Outcome}, every verdict); each
 * test also checks that nothing the run started is left.
 */
@Execution(ExecutionMode.CONCURRENT)
@CpuCost(1)
@ExtendWith(FakeRealtimeAvailable.class)
class FakeRealtimeLevelsIT {

    private final LeftOvers left = LeftOvers.ofOneTest();
    private final RealSlurmTarget target = left.fakeTarget();

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        assertThat(left.labProcesses()).as("processes of fake-realtime labs still running").isEmpty();
        assertThat(left.scratchDirectories()).as("fake-realtime scratch directories left").isEmpty();
        left.removeParent();
    }

    @Test
    void everyLevelAndFailureFileListingFakeRealtimeHasATestHere() throws IOException {
        List<String> listing;
        try (Stream<Path> files = Stream.concat(Files.list(LEVELS), Files.list(FAILURES))) {
            ScenarioParser parser = new ScenarioParser();
            listing = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> parser.parse(f).targets().contains(TargetKind.FAKE_REALTIME))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(listing).containsExactly("burst-above-resume-rate.yaml", "group-writable-hook.yaml",
                "level0.yaml", "level1-fixed.yaml", "level1.yaml", "stale-boot-time.yaml");
    }

    @Test
    void level0ResumesOnSubmitRunsTheJobAfterSlurmdByHandAndSuspendsTheIdleNode() {
        ScenarioResult result = run(target, LEVELS.resolve("level0.yaml"));

        RealSlurmLevelsIT.assertLevel0Outcome(result);
    }

    @Test
    void level1ResumeHookThroughTheRemoteToolRunsTheJobButLeavesDefunctHelpers() {
        ScenarioResult result = passing(LEVELS.resolve("level1.yaml"));

        assertThat(result.observations().defunctProcesses()).hasValueSatisfying(d ->
                assertThat(d).anySatisfy(p -> assertThat(p).endsWith("<defunct>")));
    }

    @Test
    void level1FixedHookRunsTheJobAndLeavesNoDefunctProcess() {
        ScenarioResult result = passing(LEVELS.resolve("level1-fixed.yaml"));

        assertThat(result.observations().defunctProcesses()).contains(List.of());
    }

    @Test
    void staleBootTimeTimesOutMarksTheNodeDownCallsResumeFailAndFailsTheJob() {
        ScenarioResult result = passing(FAILURES.resolve("stale-boot-time.yaml"));

        RealSlurmLevelsIT.assertStaleBootTimeOutcome(result);
    }

    @Test
    void groupWritableResumeProgramTurnsPowerSavingOffAndTheNodeStaysPoweredDown() {
        ScenarioResult result = passing(FAILURES.resolve("group-writable-hook.yaml"));

        assertThat(result.hookCalls()).isEmpty();
    }

    @Test
    void burstAboveResumeRateWakesOnlyFourNodesFirstAndTheRestWaitPoweredDown() {
        ScenarioResult result = passing(FAILURES.resolve("burst-above-resume-rate.yaml"));

        assertThat(result.hookCalls()).first().extracting(HookCall::hook, HookCall::hostlist)
                .containsExactly(HookRole.RESUME, "node[1-4]");
    }

    /** Runs the file on fake-realtime and checks every step was done and every expectation passed. */
    private ScenarioResult passing(Path file) {
        ScenarioResult result = run(target, file);
        assertThat(result.error()).isEmpty();
        assertThat(result.steps()).allSatisfy(s -> assertThat(s.status()).as(s.description() + ": " + s.detail())
                .isEqualTo(StepOutcome.Status.DONE));
        ProvisionedLevels.assertApplicablePassed(result);
        return result;
    }
}
