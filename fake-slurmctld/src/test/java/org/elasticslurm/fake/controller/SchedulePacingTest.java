package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulePacingTest {

    @TempDir
    Path dir;

    /**
     * Recorded on the real 22.05 (differential scenarios resume-timeout-psi30-batch, resume-rate-timeout-*):
     * slurmctld started about 0.4 s before an sbatch, which was allocated 2.7-2.8 s after it ("sched: Allocate"),
     * 3 s after the start.
     */
    @Test
    void aBatchJobSubmittedJustAfterStartIsAllocatedBatchSchedDelayAfterTheStart() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP"))
                .startedBefore(Duration.ofMillis(400)).start();
        lab.runUntil(0);
        lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node1"), OptionalInt.empty()),
                JobListener.NONE);

        lab.runUntil(5);

        assertThat(SimLab.t(lab.firstLog("sched: Allocate JobId=1").orElseThrow().time()))
                .isCloseTo(2.6, within(0.01));
    }

    @Test
    void aRequestWaitsForBatchSchedDelayAfterTheLastPassAndAFullPassComesEverySchedInterval() {
        SchedulePacing pacing = new SchedulePacing();
        pacing.start(100);

        assertThat(pacing.due(101)).as("nothing requested").isFalse();
        pacing.request();
        assertThat(pacing.due(102)).isFalse();
        assertThat(pacing.due(103)).isTrue();
        assertThat(pacing.due(104)).as("the request was served").isFalse();
        pacing.request();
        assertThat(pacing.due(105)).as("3 s after the last pass").isFalse();
        assertThat(pacing.due(106)).isTrue();
        assertThat(pacing.due(159)).isFalse();
        assertThat(pacing.due(160)).as("full pass 60 s after the start").isTrue();
    }
}
