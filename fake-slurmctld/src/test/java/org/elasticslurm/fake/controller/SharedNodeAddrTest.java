package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NodeName line with one NodeAddr for several names, which slurmctld 22.05 accepts and applies to every name
 * of the line (Debian's build; one address for many nodes is how several slurmd run on one host).
 */
class SharedNodeAddrTest {

    @TempDir
    Path dir;

    @Test
    void everyNodeOfTheLineHasTheOneAddressAndTheyResumeAndRunAJob() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=c[1-5] State=CLOUD CPUs=1 NodeAddr=127.0.0.1",
                "PartitionName=debug Nodes=c[1-5] Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        for (String node : List.of("c1", "c2", "c3", "c4", "c5")) {
            assertThat(lab.view(node).nodeAddr()).as(node).isEqualTo("127.0.0.1");
            assertThat(lab.view(node).nodeHostName()).as(node).isEqualTo(node);
        }

        SimulatedSrun srun = lab.srun("c[1-5]", "hostname");
        lab.runUntil(1);
        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("c[1-5]");
        for (String node : List.of("c1", "c2", "c3", "c4", "c5")) {
            lab.startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }
        lab.runUntil(20);

        assertThat(lab.controller.job(srun.jobId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }
}
