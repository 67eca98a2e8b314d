package org.elasticslurm.scenarios.target.libvirttest;

import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.LEVELS;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.assertPassedExcept;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.stage;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.stageNames;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels 2 and 3 and never-registers on libvirt-test: the real provisioner service on libvirt's test driver,
 * fake-slurmctld's slurmctld running the provisioner's hook clients, fake slurmds standing in for the guests. The
 * scenario files as they are; each test also checks that the run left no process and no lab directory.
 */
@Execution(ExecutionMode.CONCURRENT)
@CpuCost(1)
@ExtendWith(LibvirtTestAvailable.class)
class LibvirtTestLevelsIT {

    @TempDir
    Path scratch;

    /** Processes this JVM had started before the test (other tests' lingering helpers are not this run's). */
    private Set<Long> before;

    private ScenarioResult run(Path file) {
        return ProvisionedLevels.run(file, new LibvirtTestTarget(Clock.systemUTC(), scratch));
    }

    @BeforeEach
    @CpuCost(0) // lists this JVM's processes: no reason to wait for the test's slots twice
    void noteTheProcessesThatAlreadyRun() {
        before = ProvisionedLevels.childProcesses();
    }

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        ProvisionedLevels.assertNoLabDirectoryIn(scratch);
        ProvisionedLevels.assertNoProcessLeftBut(before, scratch);
    }

    @Test
    void level2StartsTheExistingDomainsRunsTheJobAndShutsThemDownAfterSuspendTime() {
        ScenarioResult r = run(LEVELS.resolve("level2.yaml"));

        assertPassedExceptTheNodeNameOutput(r);
        assertThat(r.observations().jobs().get("job1").state()).isEqualTo(JobState.COMPLETED);
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.SUSPEND);
        assertThat(stageNames(r, "node1")).contains(RunStages.CREATE, RunStages.REGISTER, RunStages.DESTROY);
    }

    @Test
    void level3CreatesTheMachineRegistersItsSlurmdAndDestroysItWithItsSeedOnSuspend() {
        ScenarioResult r = run(LEVELS.resolve("level3.yaml"));

        assertPassedExceptTheNodeNameOutput(r);
        Stage registered = stage(r, "test1", RunStages.REGISTER);
        Stage resumeHook = stage(r, "test1", RunStages.HOOK);
        assertThat(registered.start()).as("slurmd registers after the resume request").isGreaterThan(resumeHook.start());
        assertThat(r.observations().machinesLeft()).hasValue(List.of());
    }

    @Test
    void aMachineWhoseSlurmdNeverRegistersEndsDownAfterResumeTimeoutAndIsDestroyedByResumeFail() {
        ScenarioResult r = run(LEVELS.resolveSibling("failures").resolve("never-registers.yaml"));

        ProvisionedLevels.assertApplicablePassed(r);
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.RESUME_FAIL);
        assertThat(stageNames(r, "test1")).contains(RunStages.CREATE, RunStages.DESTROY)
                .doesNotContain(RunStages.REGISTER);
    }

    /** A fake slurmd on this machine prints this machine's name: the expectation on it is not applicable. */
    private static void assertPassedExceptTheNodeNameOutput(ScenarioResult r) {
        assertPassedExcept(r, description -> description.contains("printing"));
    }
}
