package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * ResumeRate spreading a job's wake over several scans while ResumeTimeout fails its first nodes (no slurmd ever
 * registers), as recorded on the real slurmctld 22.05 (differential scenarios {@code resume-rate-timeout-*}):
 * the scan that times out the first nodes requeues or kills the job and still wakes the next deferred node for
 * it; nodes not yet due are released; a node already powering up times out on its own.
 */
class ResumeRateTimeoutTest {

    @TempDir
    Path dir;

    private SimLab lab(int rate, int resumeTimeout, int nodes, String returnToService) {
        List<String> lines = new ArrayList<>(List.of("ResumeRate=" + rate, "ResumeTimeout=" + resumeTimeout,
                "SuspendTime=300", "ReturnToService=" + returnToService));
        for (int i = 1; i <= nodes; i++) {
            lines.add("NodeName=node" + i + " State=CLOUD CPUs=1");
        }
        lines.add("PartitionName=debug Nodes=node[1-" + nodes + "] Default=YES MaxTime=INFINITE State=UP");
        SimLab lab = SimLab.conf(dir, TestConf.lab(lines.toArray(new String[0]))).start();
        lab.runUntil(0);
        return lab;
    }

    private static long batch(SimLab lab, int nodes) {
        return lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.empty(), OptionalInt.of(nodes)),
                JobListener.NONE).jobId();
    }

    private static double t(HookCall call) {
        return SimLab.t(call.time());
    }

    @Test
    void theScanThatTimesOutTheFirstNodesRequeuesTheJobAndStillWakesItsNextDeferredNode() {
        SimLab lab = lab(2, 15, 4, "0");
        long job = batch(lab, 4);

        lab.runUntil(60);

        List<HookCall> resumes = lab.calls(HookKind.RESUME);
        List<HookCall> failed = lab.calls(HookKind.RESUME_FAIL);
        assertThat(resumes).extracting(HookCall::hostlist).containsExactly("node[1-2]", "node3");
        assertThat(failed).extracting(HookCall::hostlist).containsExactly("node[1-2]", "node3");
        double wake = t(resumes.get(0));
        assertThat(t(resumes.get(1))).as("node3's turn: the scan 20 s after the first wake (real: 20.3 s)")
                .isCloseTo(wake + 20, within(0.01));
        assertThat(t(failed.get(0))).as("node[1-2] time out in that same scan").isEqualTo(t(resumes.get(1)));
        assertThat(resumes.get(1).invocation().resumeJson())
                .hasValue("{\"jobs\":[{\"job_id\":1,\"nodes\":\"node3\"}],\"all_nodes\":\"node3\"}");
        assertThat(t(failed.get(1))).as("node3 on its own, 21 s after its wake (real: 21.4 s)")
                .isCloseTo(t(resumes.get(1)) + 21, within(0.01));
        assertThat(lab.logLines()).containsSubsequence(
                "node node1 not resumed by ResumeTimeout(15) - marking down and power_save",
                "requeue job JobId=1 due to failure of node node1", "Requeuing JobId=1",
                "node node2 not resumed by ResumeTimeout(15) - marking down and power_save",
                "POWER: power_save: pid 4001 waking nodes node3",
                "POWER: power_save: pid 4002 handle failed nodes node[1-2]",
                "node node3 not resumed by ResumeTimeout(15) - marking down and power_save");
        assertThat(lab.state("node4")).as("released before its turn").isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.state("node3")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        assertThat(lab.controller.job(job).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aNodeWokenBeforeTheFirstNodesTimeOutIsLeftPoweringUpAndTimesOutOnItsOwn() {
        SimLab lab = lab(2, 25, 3, "1");
        batch(lab, 3);

        lab.runUntil(70);

        List<HookCall> resumes = lab.calls(HookKind.RESUME);
        List<HookCall> failed = lab.calls(HookKind.RESUME_FAIL);
        assertThat(resumes).extracting(HookCall::hostlist).containsExactly("node[1-2]", "node3");
        assertThat(failed).extracting(HookCall::hostlist).containsExactly("node[1-2]", "node3");
        double wake = t(resumes.get(0));
        assertThat(t(resumes.get(1))).as("real: 20.3 s").isCloseTo(wake + 20, within(0.01));
        assertThat(t(failed.get(0))).as("real: 30.5 s").isCloseTo(wake + 30, within(0.01));
        assertThat(t(failed.get(1))).as("real: 31.3 s after node3's wake").isCloseTo(t(resumes.get(1)) + 31,
                within(0.01));
        assertThat(lab.logLines()).containsSubsequence("Requeuing JobId=1",
                "POWER: JobId=1 needed resuming but isn't configuring anymore",
                "node node3 not resumed by ResumeTimeout(25) - marking down and power_save");
    }

    @Test
    void anSrunJobIsKilledInTheScanThatWakesItsDeferredNodeAnyway() {
        SimLab lab = lab(2, 15, 3, "2");
        SimulatedSrun srun = new SimulatedSrun(lab.controller, lab.kernel, 5, 15,
                SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(3, List.of("hostname")));

        lab.runUntil(50);

        List<HookCall> resumes = lab.calls(HookKind.RESUME);
        assertThat(resumes).extracting(HookCall::hostlist).containsExactly("node[1-2]", "node3");
        assertThat(lab.calls(HookKind.RESUME_FAIL)).extracting(HookCall::hostlist)
                .containsExactly("node[1-2]", "node3");
        assertThat(t(resumes.get(1))).isCloseTo(t(resumes.get(0)) + 21, within(0.01));
        assertThat(lab.logLines()).containsSubsequence("Killing JobId=1 on failed node node1",
                "POWER: power_save: pid 4001 waking nodes node3");
        assertThat(srun.stderr()).containsExactly("srun: error: Node failure on node1",
                "srun: error: Nodes node[1-3] are still not ready",
                "srun: error: Something is wrong with the boot of the nodes.");
        assertThat(srun.exitCode()).hasValue(1);
    }

    @Test
    void withResumeRateOneTheSecondNodeIsReleasedBeforeItsTurn() {
        SimLab lab = lab(1, 10, 2, "2");
        batch(lab, 2);

        lab.runUntil(60);

        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("node1");
        assertThat(lab.calls(HookKind.RESUME_FAIL)).extracting(HookCall::hostlist).containsExactly("node1");
        assertThat(t(lab.calls(HookKind.RESUME_FAIL).get(0))).as("real: 20.1 s after the wake")
                .isCloseTo(t(lab.calls(HookKind.RESUME).get(0)) + 20, within(0.01));
        assertThat(lab.state("node2")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.logLines()).containsSubsequence("Requeuing JobId=1",
                "POWER: JobId=1 needed resuming but isn't configuring anymore");
    }
}
