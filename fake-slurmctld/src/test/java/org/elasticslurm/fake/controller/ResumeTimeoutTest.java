package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot-time test, ResumeTimeout, ResumeFailProgram, and what happens to the jobs (NODE_FAIL or requeue). */
class ResumeTimeoutTest {

    @TempDir
    Path dir;

    private SimLab lab(String... extra) {
        return SimLab.conf(dir, TestConf.cloud("node1", extra)).start();
    }

    @Test
    void resumeTimesOutWhenSlurmdBootTimeIsOld() {
        SimLab lab = lab("ReturnToService=0");
        lab.runUntil(0);
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.at(5, () -> lab.startSlurmd("node1", SlurmdStart.MACHINE_BOOT));
        lab.runUntil(6);

        assertThat(lab.state("node1")).isEqualTo("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
        assertThat(lab.logLines()).filteredOn(l -> l.equals("debug:  Still waiting for boot of node node1"))
                .as("logged by validate_jobs_on_node and validate_node_specs").hasSize(2);

        lab.runUntil(40);

        assertThat(lab.firstLog("not resumed by ResumeTimeout").orElseThrow().line())
                .isEqualTo("node node1 not resumed by ResumeTimeout(30) - marking down and power_save");
        assertThat(SimLab.t(lab.firstLog("not resumed by ResumeTimeout").orElseThrow().time()))
                .as("first scan after boot_req_time + 30 s").isCloseTo(31.8, within(0.01));
        assertThat(lab.logLines()).as("the running slurmd answers the job's kill request: node_did_resp")
                .containsSubsequence("node node1 not resumed by ResumeTimeout(30) - marking down and power_save",
                        "Killing JobId=1 on failed node node1", "Node node1 now responding");
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN");
        assertThat(lab.view("node1").reason()).hasValue("ResumeTimeout reached");
        assertThat(lab.view("node1").sinfoCompact()).isEqualTo("down~");
        assertThat(lab.calls(HookKind.RESUME_FAIL)).extracting(HookCall::hostlist).containsExactly("node1");
        assertThat(srun.stderr()).containsExactly("srun: error: Node failure on node1",
                "srun: error: Nodes node1 are still not ready",
                "srun: error: Something is wrong with the boot of the nodes.");
        assertThat(srun.exitCode()).hasValue(1);
        JobView job = lab.controller.job(1).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.NODE_FAIL);
        assertThat(job.reason()).isEqualTo("NodeDown");
        assertThat(lab.controller.node("node1")).isInstanceOf(NodeLookup.Hidden.class);
    }

    @Test
    void withReturnToServiceTwoTheStaleSlurmdsAnswerReturnsTheNodeButItStaysPoweredDown() {
        SimLab lab = lab("ReturnToService=2");
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.at(5, () -> lab.startSlurmd("node1", SlurmdStart.MACHINE_BOOT));

        lab.runUntil(40);

        assertThat(lab.logLines()).containsSubsequence("Node node1 now responding",
                "node_did_resp: node node1 returned to service");
        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void withoutAnySlurmdTheTimedOutNodeStaysNotResponding() {
        SimLab lab = lab();
        lab.runUntil(0);
        lab.srun("node1", "hostname");

        lab.runUntil(40);

        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
    }

    @Test
    void aFreshBootWithinResumeTimeoutIsAccepted() {
        SimLab lab = lab();
        lab.runUntil(0);
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.at(20, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));

        lab.runUntil(40);

        assertThat(srun.stdout()).containsExactly("node1");
        assertThat(lab.calls(HookKind.RESUME_FAIL)).isEmpty();
        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD");
    }

    @Test
    void aBatchJobIsRequeuedWithABeginTimeTwoMinutesLater() {
        SimLab lab = lab();
        lab.runUntil(0);
        long id = lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node1"), OptionalInt.empty()),
                JobListener.NONE).jobId();
        lab.runUntil(1);
        assertThat(lab.controller.job(id).orElseThrow().stateCode()).isEqualTo("CF");

        lab.runUntil(60);

        JobView job = lab.controller.job(id).orElseThrow();
        assertThat(lab.logLines()).containsSubsequence("requeue job JobId=1 due to failure of node node1",
                "Requeuing JobId=1");
        Instant requeued = lab.firstLog("Requeuing JobId=1").orElseThrow().time();
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.stateCode()).isEqualTo("PD");
        assertThat(job.restarts()).isEqualTo(1);
        assertThat(job.beginTime()).hasValue(Instant.ofEpochSecond(requeued.getEpochSecond() + 121));
        assertThat(job.reason()).isEqualTo("BeginTime");
    }

    @Test
    void noRequeueBatchJobFailsWithNodeFail() {
        SimLab lab = lab();
        lab.runUntil(0);
        long id = lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node1"), OptionalInt.empty())
                .withRequeue(false), JobListener.NONE).jobId();

        lab.runUntil(60);

        assertThat(lab.controller.job(id).orElseThrow().state()).isEqualTo(JobState.NODE_FAIL);
    }

    @Test
    void anInvalidResumeFailProgramIsDroppedButPowerSavingStaysOn() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("ResumeFailProgram=relative/path",
                "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        lab.srun("node1", "hostname");

        lab.runUntil(40);

        assertThat(lab.logLines()).contains("error: power_save program relative/path not absolute pathname");
        assertThat(lab.controller.powerSaveEnabled()).isTrue();
        assertThat(lab.calls(HookKind.RESUME)).hasSize(1);
        assertThat(lab.calls(HookKind.RESUME_FAIL)).isEmpty();
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
    }

    @Test
    void perPartitionResumeTimeoutTakesTheMaximumOfTheNodesPartitions() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP ResumeTimeout=50",
                "PartitionName=other Nodes=node1 MaxTime=INFINITE State=UP ResumeTimeout=40")).start();
        lab.runUntil(0);
        lab.srun("node1", "hostname");

        lab.runUntil(80);

        assertThat(lab.firstLog("not resumed by ResumeTimeout").orElseThrow().line())
                .isEqualTo("node node1 not resumed by ResumeTimeout(50) - marking down and power_save");
        assertThat(SimLab.t(lab.firstLog("not resumed by ResumeTimeout").orElseThrow().time()))
                .isCloseTo(51.8, within(0.01));
    }
}
