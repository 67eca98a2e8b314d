package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResumeTimeout with {@code SlurmctldParameters=power_save_interval=30}, no slurmd ever registering, as recorded
 * on the real slurmctld 22.05 (differential scenarios {@code resume-timeout-psi30*}): the timeout is checked only
 * in a scan, and with no node change the scans come every 30 s.
 */
class PowerSaveIntervalTimeoutTest {

    @TempDir
    Path dir;

    private SimLab lab(int resumeTimeout) {
        SimLab lab = SimLab.conf(dir, TestConf.lab("ReturnToService=0", "ResumeTimeout=" + resumeTimeout,
                "SuspendTime=300", "SlurmctldParameters=power_save_interval=30",
                "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        return lab;
    }

    @Test
    void aNodeThatNeverBootsIsMarkedDownAtTheFirstThirtySecondScanPastResumeTimeout() {
        SimLab lab = lab(20);
        SimulatedSrun srun = new SimulatedSrun(lab.controller, lab.kernel, 5, 20,
                SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srun("node1", java.util.List.of("hostname")));

        lab.runUntil(40);

        HookCall wake = lab.calls(HookKind.RESUME).get(0);
        HookCall failed = lab.calls(HookKind.RESUME_FAIL).get(0);
        assertThat(SimLab.t(failed.time())).as("scans at the wake, 1 s later (the allocation's change), then 30 s"
                + " on: real 30.2 s after the wake").isCloseTo(SimLab.t(wake.time()) + 31, within(0.01));
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        assertThat(lab.logLines()).containsSubsequence(
                "node node1 not resumed by ResumeTimeout(20) - marking down and power_save",
                "Killing JobId=1 on failed node node1", "POWER: power_save: pid 4001 handle failed nodes node1");
        assertThat(srun.exitCode()).hasValue(1);
    }

    @Test
    void resumeTimeoutEqualToTheIntervalTakesTwoIntervalsWhenNothingElseChanges() {
        SimLab lab = lab(30);
        long id = lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node1"), OptionalInt.empty()),
                JobListener.NONE).jobId();

        lab.runUntil(60);
        assertThat(lab.state("node1")).as("the scan 30 s after the wake fails the strict test")
                .isEqualTo("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
        lab.runUntil(70);

        HookCall wake = lab.calls(HookKind.RESUME).get(0);
        HookCall failed = lab.calls(HookKind.RESUME_FAIL).get(0);
        assertThat(SimLab.t(failed.time())).as("real: 60.0 s after the wake")
                .isCloseTo(SimLab.t(wake.time()) + 60, within(0.01));
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        assertThat(lab.logLines()).containsSubsequence("POWER: JobId=1 needed resuming but nodes aren't power_save"
                + " anymore", "node node1 not resumed by ResumeTimeout(30) - marking down and power_save",
                "requeue job JobId=1 due to failure of node node1", "Requeuing JobId=1");
        assertThat(lab.controller.job(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aRequeuedJobShowsNoReasonUntilTheSchedulerLooksAtIt() {
        // the background thread half a second after the power-save thread, as the threads of a real slurmctld
        // run out of step
        SimLab lab = SimLab.conf(dir, TestConf.lab("ReturnToService=0", "ResumeTimeout=30", "SuspendTime=300",
                "SlurmctldParameters=power_save_interval=30", "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP"))
                .tickOffsets(java.time.Duration.ofMillis(1000), java.time.Duration.ofMillis(1500)).start();
        lab.runUntil(0);
        long id = lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node1"), OptionalInt.empty()),
                JobListener.NONE).jobId();
        double t = 0;
        while (lab.firstLog("Requeuing JobId=1").isEmpty() && t < 100) {
            t += 0.1;
            lab.runUntil(t);
        }
        assertThat(lab.firstLog("Requeuing JobId=1")).isPresent();

        assertThat(lab.controller.job(id).orElseThrow().reason()).as("squeue %%r right after the requeue: real None")
                .isEqualTo("None");
        lab.runUntil(t + 4);
        assertThat(lab.controller.job(id).orElseThrow().reason()).isEqualTo("BeginTime");
    }
}
