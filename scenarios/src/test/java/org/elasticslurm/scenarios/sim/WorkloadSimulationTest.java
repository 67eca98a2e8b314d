package org.elasticslurm.scenarios.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.workload.Workload;
import org.elasticslurm.scenarios.workload.WorkloadJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadSimulationTest {

    @TempDir
    Path dir;

    private Path conf(String extra) throws IOException {
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, """
                ClusterName=site
                SlurmctldHost=head
                SuspendProgram=/usr/local/sbin/site-suspend
                ResumeProgram=/usr/local/sbin/site-resume
                ResumeFailProgram=/usr/local/sbin/site-resume-fail
                SuspendTime=300
                SuspendTimeout=60
                ResumeTimeout=120
                NodeName=c[1-4] State=CLOUD CPUs=8
                PartitionName=batch Nodes=c[1-4] Default=YES MaxTime=INFINITE State=UP
                """ + extra);
        return file;
    }

    private static Workload oneJob(int processors, Duration runTime) {
        return new Workload("test", List.of(new WorkloadJob(1, Duration.ZERO, runTime, processors, runTime)));
    }

    @Test
    void aJobOnPoweredDownNodesWaitsForTheBootAndTheNodesStayPoweredUntilSuspendTimePlusSuspendTimeout()
            throws IOException {
        SimulationReport r = new WorkloadSimulation(new SlurmConfParser())
                .run(conf(""), oneJob(16, Duration.ofMinutes(10)), Duration.ofSeconds(30));

        assertThat(r.completed()).isEqualTo(1);
        assertThat(r.unfinished()).isZero();
        assertThat(r.resumes()).as("two nodes of 8 CPUs woken").isEqualTo(2);
        assertThat(r.failedResumes()).isZero();
        assertThat(r.bootWaitJobs()).isEqualTo(1);
        assertThat(r.meanBootWait()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(70));
        // each node: boot (>= 30 s) + run (600 s) + SuspendTime (300 s) + SuspendTimeout (60 s), plus scan slack
        assertThat(r.nodeHoursPowered()).isBetween(2 * 990 / 3600.0, 2 * 1100 / 3600.0);
        assertThat(r.nodeHoursPowered()).isLessThan(r.nodeHoursAlwaysOn());
    }

    @Test
    void aBootLongerThanResumeTimeoutFailsTheResumesAndLeavesTheJobUnfinished() throws IOException {
        SimulationReport r = new WorkloadSimulation(new SlurmConfParser())
                .run(conf(""), oneJob(8, Duration.ofMinutes(5)), Duration.ofSeconds(200));

        assertThat(r.failedResumes()).isPositive();
        assertThat(r.completed()).isZero();
    }

    @Test
    void theSitesHookPathsAreReplacedSoTheSimulationNeedsNoProgramsInstalled() throws IOException {
        Path conf = conf("");
        String before = Files.readString(conf);
        SimulationReport r = new WorkloadSimulation(new SlurmConfParser())
                .run(conf, oneJob(8, Duration.ofMinutes(1)), Duration.ofSeconds(10));
        assertThat(r.completed()).isEqualTo(1);
        assertThat(Files.readString(conf)).as("the site's file is not touched").isEqualTo(before);
    }

    @Test
    void withResumeRate2AFourNodeJobWaitsLongerOn2411And2605WhoseTokenBucketWakesOneNodePerCall()
            throws IOException {
        Workload fourNodes = oneJob(32, Duration.ofMinutes(10));
        SimulationReport old = new WorkloadSimulation(new SlurmConfParser(SlurmVersion.V22_05))
                .run(conf("ResumeRate=2\n"), fourNodes, Duration.ofSeconds(30));
        // 22.05's decaying counter wakes two nodes in the first call, then one about every 30 s: the last of the
        // four wakes within a minute of the first
        assertThat(old.resumes()).isEqualTo(4);
        assertThat(old.maxBootWait()).isLessThan(Duration.ofSeconds(90));
        for (SlurmVersion v : List.of(SlurmVersion.V24_11, SlurmVersion.V26_05)) {
            SimulationReport r = new WorkloadSimulation(new SlurmConfParser(v))
                    .run(conf("ResumeRate=2\n"), fourNodes, Duration.ofSeconds(30));
            // one token per 30 s, one node per call: the fourth wakes three refills after the first
            assertThat(r.resumes()).as(v.toString()).isEqualTo(4);
            assertThat(r.completed()).as(v.toString()).isEqualTo(1);
            assertThat(r.maxBootWait()).as(v.toString()).isGreaterThanOrEqualTo(Duration.ofSeconds(90));
        }
    }
}
