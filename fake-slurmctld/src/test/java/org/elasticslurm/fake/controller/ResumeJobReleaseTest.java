package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When a job waiting for node resumes leaves the power-save thread's list (resume-job-list.real-VERSION.trace,
 * DebugFlags=Power).
 */
class ResumeJobReleaseTest {

    private static final String NO_MORE = "POWER: no more nodes to resume for job JobId=1";
    private static final String NOT_CONFIGURING = "POWER: JobId=1 needed resuming but isn't configuring anymore";

    @TempDir
    Path dir;

    private SimLab lab(SlurmVersion version, String... extra) {
        return SimLab.conf(dir, TestConf.cloud("node[1-2]", extra)).version(version).start();
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void theJobLeavesTheListAtTheScanThatResumesItsLastNodeFrom2411(SlurmVersion version) {
        SimLab lab = lab(version);
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.at(3.5, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));

        lab.runUntil(60);

        assertThat(lab.logLines()).contains(NO_MORE).doesNotContain(NOT_CONFIGURING);
    }

    @Test
    void on2205TheJobStaysListedAfterItsLastResumeAndALaterScanDropsIt() {
        SimLab lab = lab(SlurmVersion.V22_05);
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.at(3.5, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));

        lab.runUntil(60);

        assertThat(lab.logLines()).doesNotContain(NO_MORE)
                .anyMatch(l -> l.startsWith("POWER: JobId=1 needed resuming but "));
    }

    @Test
    void aJobWhoseNodesTheRateHoldsBackIsToldWhatIsLeftFrom2411() {
        SimLab lab = lab(SlurmVersion.V24_11, "ResumeRate=2");
        lab.runUntil(0);
        SimulatedSrun srun = new SimulatedSrun(lab.controller, lab.kernel, 5, 600,
                SlurmBehaviour.of(SlurmVersion.V24_11)).run(JobRequest.srunCount(2, List.of("hostname")));

        lab.runUntil(5);

        assertThat(srun.jobId()).isEqualTo(1);
        assertThat(lab.logLines()).contains("POWER: node2 still left to boot for JobId=1").doesNotContain(NO_MORE);
    }
}
