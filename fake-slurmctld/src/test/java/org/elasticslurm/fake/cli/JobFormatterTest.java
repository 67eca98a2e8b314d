package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.junit.jupiter.api.Test;

/** {@code scontrol show job} and {@code squeue} against the real 22.05 output recorded for the same jobs. */
class JobFormatterTest {

    private final SlurmTimes times = new SlurmTimes(ZoneOffset.UTC);
    private final JobFormatter formatter = new JobFormatter(times);

    /** sbatch -w node2 --wrap ... as job 6, in a state and with times of the recording. */
    private static JobInfo batchJob(String state, String code, OptionalLong start, OptionalLong end,
                                    OptionalInt exit) {
        long submit = Nodes.at("2026-11-28T16:16:52");
        boolean pending = code.equals("PD");
        return new JobInfo(6, "wrap", "root", 0, "root", 0, state, code, "None", true, true, 0, exit, submit, submit,
                start, end, "debug", Optional.of("node2"), pending ? "" : "node2",
                pending ? Optional.empty() : Optional.of("node2"), 1, 1, Optional.empty(), "/tmp/rl",
                Optional.of("/tmp/rl/slurm-6.out"), "localhost", 28001);
    }

    /** srun -w node1 hostname as job 7, waiting for node1 to boot. */
    private static JobInfo configuringSrun() {
        long t = Nodes.at("2026-11-28T16:17:44");
        return new JobInfo(7, "hostname", "root", 0, "root", 0, "CONFIGURING", "CF", "None", false, false, 0,
                OptionalInt.empty(), t, t, OptionalLong.of(t), OptionalLong.empty(), "debug", Optional.of("node1"),
                "node1", Optional.of("node1"), 1, 1, Optional.of("hostname"), "/tmp/rl", Optional.empty(),
                "localhost", 28001);
    }

    @Test
    void aRunningBatchJobShowsItsRunTimeBatchHostAndOutputFiles() {
        long start = Nodes.at("2026-11-28T16:17:32");

        String shown = formatter.format(batchJob("RUNNING", "R", OptionalLong.of(start), OptionalLong.empty(),
                OptionalInt.empty()), start + 1, false);

        assertThat(shown).isEqualTo(RealOutput.of("show_job_R").out());
    }

    @Test
    void aCompletedBatchJobShowsItsEndTimeAndExitCode() {
        long start = Nodes.at("2026-11-28T16:17:32");
        long end = Nodes.at("2026-11-28T16:17:37");

        String shown = formatter.format(batchJob("COMPLETED", "CD", OptionalLong.of(start), OptionalLong.of(end),
                OptionalInt.of(0)), end + 30, false);

        assertThat(shown).isEqualTo(RealOutput.of("show_job_done").out());
    }

    @Test
    void anSrunJobWaitingForItsNodeIsConfiguringWithItsCommand() {
        String recorded = RealOutput.of("show_job_CF").out();
        String job7 = recorded.substring(recorded.indexOf("JobId=7 "));

        String shown = formatter.format(configuringSrun(), Nodes.at("2026-11-28T16:17:45"), false);

        assertThat(shown).isEqualTo(job7);
    }

    @Test
    void squeueShowsRunningJobsWithTheirTimeAndPendingOnesWithTheirReason() {
        SqueueReport squeue = new SqueueReport(times);
        long start = Nodes.at("2026-11-28T16:17:32");

        String running = squeue.render(new JobListing(start + 1, List.of(batchJob("RUNNING", "R",
                OptionalLong.of(start), OptionalLong.empty(), OptionalInt.empty()))), SqueueReport.DEFAULT, true,
                j -> true);
        String pending = squeue.render(new JobListing(start, List.of(batchJob("PENDING", "PD", OptionalLong.empty(),
                OptionalLong.empty(), OptionalInt.empty()))), SqueueReport.DEFAULT, true, j -> true);
        String configuring = squeue.render(new JobListing(Nodes.at("2026-11-28T16:17:45"), List.of(configuringSrun())),
                SqueueReport.DEFAULT, true, j -> true);
        String ended = squeue.render(new JobListing(start + 60, List.of(batchJob("COMPLETED", "CD",
                OptionalLong.of(start), OptionalLong.of(start + 5), OptionalInt.of(0)))), SqueueReport.DEFAULT, true,
                j -> true);

        assertThat(running).isEqualTo(RealOutput.of("squeue_R").out());
        assertThat(pending).isEqualTo(RealOutput.of("squeue_running").out());
        assertThat(configuring).isEqualTo(RealOutput.of("squeue_CF").out());
        assertThat(ended).isEqualTo(RealOutput.of("squeue_after").out());
    }
}
