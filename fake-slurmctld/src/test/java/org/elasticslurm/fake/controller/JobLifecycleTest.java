package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.cluster.SimulatedRun;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job model: allocation, CONFIGURING while nodes boot, start, completion, squeue states, node choice. */
class JobLifecycleTest {

    @TempDir
    Path dir;

    private SimLab lab(String... lines) {
        SimLab lab = SimLab.conf(dir, TestConf.lab(lines)).start();
        lab.runUntil(0);
        return lab;
    }

    private static JobRequest sbatch(String nodes) {
        return JobRequest.sbatchWrap("hostname", Optional.of(nodes), OptionalInt.empty());
    }

    @Test
    void aBatchJobOnAPoweredDownNodeStartsAtTheFirstConfigurationCheckAfterTheNodeRegistered() {
        SimLab lab = lab("NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP");
        long id = lab.controller.submit(sbatch("node1"), JobListener.NONE).jobId();
        assertThat(lab.controller.job(id).orElseThrow().stateCode()).isEqualTo("PD");
        lab.hooks.onStart(call -> {
            if (call.kind() == HookKind.RESUME) {
                lab.kernel.scheduleAfter(Duration.ofSeconds(5), 0,
                        () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
            }
        });

        lab.runUntil(1);
        assertThat(lab.controller.job(id).orElseThrow().stateCode()).isEqualTo("CF");
        lab.runUntil(15);
        assertThat(lab.state("node1")).isEqualTo("ALLOCATED+CLOUD");
        assertThat(lab.controller.job(id).orElseThrow().stateCode()).as("still CONFIGURING until the 30 s check")
                .isEqualTo("CF");
        lab.runUntil(25);

        JobView job = lab.controller.job(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        LogRecord configured = lab.firstLog("job_time_limit: Configuration for JobId=1 complete").orElseThrow();
        assertThat(SimLab.t(configured.time())).isCloseTo(19.8, within(0.01));
        assertThat(lab.logLines()).containsSubsequence("_slurm_rpc_submit_batch_job: JobId=1 InitPrio=4294901759 usec=1",
                "sched: Allocate JobId=1 NodeList=node1 #CPUs=1 Partition=debug",
                "job_time_limit: Configuration for JobId=1 complete",
                "Resetting JobId=1 start time for node power up",
                "_job_complete: JobId=1 WEXITSTATUS 0", "_job_complete: JobId=1 done");
        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD");
    }

    @Test
    void anSrunOnAPoweredUpNodeRunsAtOnceAndShowsRunningThenCompleting() {
        SimLab lab = lab("NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(10), 0, "done\n"));
        lab.cluster.epilogLatency(Duration.ofSeconds(2));
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);

        SimulatedSrun srun = lab.srun("c1", "work");
        assertThat(lab.controller.job(srun.jobId()).orElseThrow().stateCode()).isEqualTo("R");
        lab.runUntil(11.08);
        assertThat(lab.controller.job(srun.jobId()).orElseThrow().stateCode()).isEqualTo("CG");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+COMPLETING");
        lab.runUntil(15);

        assertThat(lab.controller.job(srun.jobId()).orElseThrow().stateCode()).isEqualTo("CD");
        assertThat(srun.stdout()).containsExactly("done");
        assertThat(lab.calls(HookKind.RESUME)).isEmpty();
    }

    @Test
    void poweredUpNodesAreChosenBeforePoweredDownOnes() {
        SimLab lab = lab("NodeName=c[1-3] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-3] Default=YES MaxTime=INFINITE State=UP");
        lab.startSlurmd("c3", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);

        SimulatedSrun first = new SimulatedSrun(lab.controller, lab.kernel, 5, 30,
                SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(1, List.of("hostname")));
        SimulatedSrun second = new SimulatedSrun(lab.controller, lab.kernel, 5, 30,
                SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(1, List.of("hostname")));
        lab.runUntil(3);

        assertThat(lab.controller.job(first.jobId()).orElseThrow().nodeList()).isEqualTo("c3");
        assertThat(lab.controller.job(second.jobId()).orElseThrow().nodeList()).isEqualTo("c1");
        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("c1");
    }

    @Test
    void lowerWeightNodesAreChosenFirst() {
        SimLab lab = lab("NodeName=big State=CLOUD CPUs=1 Weight=10", "NodeName=small State=CLOUD CPUs=1 Weight=1",
                "PartitionName=debug Nodes=big,small Default=YES MaxTime=INFINITE State=UP");

        SimulatedSrun srun = new SimulatedSrun(lab.controller, lab.kernel, 5, 30,
                SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(1, List.of("hostname")));

        assertThat(lab.controller.job(srun.jobId()).orElseThrow().nodeList()).isEqualTo("small");
    }

    @Test
    void aSecondSrunWaitsForTheNodeAndIsToldWhenItGetsIt() {
        SimLab lab = lab("NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(5), 0, launch.jobId() + "\n"));
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);

        SimulatedSrun first = lab.srun("c1", "work");
        SimulatedSrun second = lab.srun("c1", "work");
        assertThat(lab.controller.job(second.jobId()).orElseThrow().reason()).isEqualTo("Resources");
        lab.runUntil(30);

        assertThat(second.stderr()).containsExactly("srun: job 2 queued and waiting for resources",
                "srun: job 2 has been allocated resources");
        assertThat(first.stdout()).containsExactly("1");
        assertThat(second.stdout()).containsExactly("2");
    }

    @Test
    void aPartlyAllocatedNodeShowsMixed() {
        SimLab lab = lab("NodeName=c1 State=CLOUD CPUs=2",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(100), 0, ""));
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);

        lab.srun("c1", "work");
        lab.runUntil(2);

        assertThat(lab.state("c1")).isEqualTo("MIXED+CLOUD");
        assertThat(lab.view("c1").sinfoCompact()).isEqualTo("mix");
        assertThat(lab.view("c1").allocCpus()).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithSlurmsMessages() {
        SimLab lab = lab("NodeName=c[1-2] State=CLOUD CPUs=1", "NodeName=o1 CPUs=1",
                "PartitionName=debug Nodes=c[1-2] Default=YES MaxTime=INFINITE State=UP",
                "PartitionName=other Nodes=o1 MaxTime=INFINITE State=UP");

        assertThat(lab.controller.submit(JobRequest.srun("nosuch", List.of("true")), JobListener.NONE).error())
                .hasValue(SlurmError.INVALID_NODE_NAME);
        assertThat(lab.controller.submit(JobRequest.srun("o1", List.of("true")), JobListener.NONE).error())
                .hasValue(SlurmError.REQUESTED_NODES_NOT_IN_PARTITION);
        assertThat(lab.controller.submit(JobRequest.srunCount(3, List.of("true")), JobListener.NONE).error())
                .hasValue(SlurmError.INVALID_NODE_COUNT);
        assertThat(lab.controller.submit(JobRequest.srunCount(1, List.of("true")).inPartition("nope"),
                JobListener.NONE).error()).hasValue(SlurmError.INVALID_PARTITION_NAME);
        SimulatedSrun srun = lab.srun("nosuch", "true");
        assertThat(srun.stderr()).containsExactly("srun: error: Unable to allocate resources: Invalid node name specified");
    }

    @Test
    void cancellingAPendingJobEndsItAndEndedJobsArePurgedAfterMinJobAge() {
        SimLab lab = lab("MinJobAge=100", "NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP");
        long id = lab.controller.submit(new JobRequest(JobKind.BATCH, "wrap", List.of("true"), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                JobListener.NONE).jobId();

        assertThat(lab.controller.cancelJob(id).ok()).isTrue();
        assertThat(lab.controller.job(id).orElseThrow().stateCode()).isEqualTo("CA");
        assertThat(lab.controller.cancelJob(id).error()).hasValue(SlurmError.ALREADY_DONE);
        lab.runUntil(200);

        assertThat(lab.controller.job(id)).isEmpty();
        assertThat(lab.calls(HookKind.RESUME)).isEmpty();
    }
}
