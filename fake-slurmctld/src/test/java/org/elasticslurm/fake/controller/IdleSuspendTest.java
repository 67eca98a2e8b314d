package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.elasticslurm.fake.sim.cluster.VirtualSlurm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SuspendTime per node (partition maximum), the scan grid and SuspendTimeout. */
class IdleSuspendTest {

    @TempDir
    Path dir;

    @Test
    void aPartitionWithInfiniteSuspendTimeKeepsItsNodesEvenWhenAnotherPartitionSetsOne() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=c[1-3] State=CLOUD CPUs=1",
                "PartitionName=short Nodes=c[1-2] Default=YES MaxTime=INFINITE State=UP SuspendTime=10",
                "PartitionName=keep Nodes=c[2-3] MaxTime=INFINITE State=UP SuspendTime=INFINITE")).start();
        lab.runUntil(0);
        for (String node : List.of("c1", "c2", "c3")) {
            lab.startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }

        lab.runUntil(60);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c1");
        assertThat(SimLab.t(lab.calls(HookKind.SUSPEND).get(0).time())).as("idle since 0, 10 s, on the 10 s grid")
                .isCloseTo(11.8, within(0.01));
        assertThat(lab.state("c2")).isEqualTo("IDLE+CLOUD");
        assertThat(lab.state("c3")).isEqualTo("IDLE+CLOUD");
    }

    @Test
    void poweringDownEndsAtTheFirstScanMoreThanSuspendTimeoutAfterTheSuspend() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("SuspendTimeout=10", "NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);

        List<SimLab.StateChange> changes = lab.record("c1", 60, 100);

        assertThat(changes).extracting(SimLab.StateChange::state).containsExactly("IDLE+CLOUD+POWERED_DOWN",
                "IDLE+CLOUD", "IDLE+CLOUD+POWERING_DOWN", "IDLE+CLOUD+POWERED_DOWN");
        assertThat(changes.get(2).time()).as("suspended at the 21.8 s scan (idle since 0, 15 s)")
                .isCloseTo(21.8, within(0.01));
        assertThat(changes.get(3).time()).as("21 + 10 < 31 is false at 31.8: the 41.8 s scan")
                .isCloseTo(41.8, within(0.01));
    }

    @Test
    void aVirtualSlurmWithASimulatedCloudRunsAJobOnAColdNode() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("hooks"));
        for (String hook : List.of("suspend", "resume", "resumefail")) {
            Path p = dir.resolve("hooks").resolve(hook);
            java.nio.file.Files.writeString(p, "#!/bin/sh\n");
            java.nio.file.Files.setPosixFilePermissions(p,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path confFile = dir.resolve("slurm.conf");
        java.nio.file.Files.writeString(confFile, TestConf.lab("NodeName=c[1-4] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-4] Default=YES MaxTime=INFINITE State=UP")
                .replace("$LAB", dir.toString()).replace("$HOST", "labhost"));
        SlurmConf conf = new SlurmConfParser().parse(confFile);
        VirtualSlurm slurm = VirtualSlurm.of(conf).cloud(node -> Duration.ofSeconds(20), 1, 1).start();

        SimulatedSrun srun = new SimulatedSrun(slurm.controller(), slurm.kernel(), 5, 30,
                SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(2, List.of("hostname")));
        slurm.kernel().advance(Duration.ofSeconds(60));

        assertThat(srun.stdout()).containsExactly("c1", "c2");
        assertThat(slurm.hooks().calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("c[1-2]");
        assertThat(slurm.log()).extracting(LogRecord::line).contains("Node c1 now responding");
    }
}
