package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 26.05 logs a requeued job's new SLUID (resume-rate-timeout-rate1.real-26.05 run, 2026-12-07: "Requeuing JobId=1",
 * then "debug:  job_record_set_sluid: changing from sDHSM98QB9N100 to sDHSM98QBQC900 due to requeue").
 */
class RequeueSluidTest {

    private static final String SLUID_LINE =
            "debug:  job_record_set_sluid: changing from s[0-9A-HJKMNP-TV-Z]{13} to s[0-9A-HJKMNP-TV-Z]{13} due to requeue";

    @TempDir
    Path dir;

    /** A batch job on a node that misses ResumeTimeout=10: requeued at the timeout. */
    private List<String> requeueLog(SlurmVersion version) {
        SimLab lab = SimLab.conf(dir, TestConf.cloud("node1", "ResumeTimeout=10", "ReturnToService=0"))
                .version(version).start();
        lab.runUntil(0);
        lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.empty(), OptionalInt.of(1)),
                JobListener.NONE);
        lab.runUntil(40);
        return lab.logLines();
    }

    @Test
    void aRequeuedJobGetsANewSluidLoggedAfterTheRequeueOn2605() {
        List<String> lines = requeueLog(SlurmVersion.V26_05);

        int requeuing = lines.indexOf("Requeuing JobId=1");
        assertThat(requeuing).as("the job is requeued").isNotNegative();
        assertThat(lines.get(requeuing + 1)).matches(SLUID_LINE);
        String[] words = lines.get(requeuing + 1).split(" ");
        assertThat(words[words.length - 6]).as("a new id").isNotEqualTo(words[words.length - 4]);
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V22_05", "V24_11"})
    void noSluidLineBefore2605(SlurmVersion version) {
        List<String> lines = requeueLog(version);

        assertThat(lines).contains("Requeuing JobId=1").noneMatch(l -> l.contains("job_record_set_sluid"));
    }
}
