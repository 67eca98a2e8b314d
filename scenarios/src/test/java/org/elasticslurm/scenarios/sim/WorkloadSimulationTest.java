package org.elasticslurm.scenarios.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmConfParser;
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
}
