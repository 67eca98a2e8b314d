package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.sim.cluster.SimulatedRun;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The virtual-time srun prints what the drop-in srun of the controller's version prints when its node misses
 * ResumeTimeout (resume-timeout-no-slurmd.real-VERSION.trace: 26.05's srun stops after "Node failure on node1") and
 * exits as it does after POWER_DOWN_FORCE of its running step's node (admin-power-down-force.real-VERSION.trace).
 */
class SimulatedSrunVersionTest {

    @TempDir
    Path dir;

    private SimulatedSrun srunWhoseNodeNeverBoots(SlurmVersion version) {
        SimLab lab = SimLab.conf(dir, TestConf.lab("ResumeTimeout=10", "ReturnToService=0",
                "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).version(version).start();
        lab.runUntil(0);
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.runUntil(40);
        return srun;
    }

    @Test
    void srunOf2605PrintsOnlyTheNodeFailureWhenItsNodeMissesResumeTimeout() {
        SimulatedSrun srun = srunWhoseNodeNeverBoots(SlurmVersion.V26_05);

        assertThat(srun.stderr()).containsExactly("srun: error: Node failure on node1");
        assertThat(srun.exitCode()).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V22_05", "V24_11"})
    void srunOf2205And2411ExplainsTheBootFailure(SlurmVersion version) {
        SimulatedSrun srun = srunWhoseNodeNeverBoots(version);

        assertThat(srun.stderr()).containsExactly("srun: error: Node failure on node1",
                "srun: error: Nodes node1 are still not ready",
                "srun: error: Something is wrong with the boot of the nodes.");
        assertThat(srun.exitCode()).hasValue(1);
    }

    private SimulatedSrun srunWhoseRunningNodeIsForcedDown(SlurmVersion version) {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).version(version).start();
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(300), 0, ""));
        lab.runUntil(0);
        lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        SimulatedSrun srun = lab.srun("node1", "sleep", "300");
        lab.runUntil(40);
        assertThat(srun.stepStarted()).isTrue();
        assertThat(lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_DOWN_FORCE)).ok())
                .isTrue();
        lab.runUntil(60);
        return srun;
    }

    @Test
    void srunOf2205ExitsWithItsTasksStatusAfterItsStepsNodeIsForcedDown() {
        SimulatedSrun srun = srunWhoseRunningNodeIsForcedDown(SlurmVersion.V22_05);

        assertThat(srun.stderr()).contains("srun: error: Node failure on node1");
        assertThat(srun.exitCode()).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void srunOf2411And2605ExitsOneAfterItsStepsNodeIsForcedDown(SlurmVersion version) {
        SimulatedSrun srun = srunWhoseRunningNodeIsForcedDown(version);

        assertThat(srun.stderr()).contains("srun: error: Node failure on node1");
        assertThat(srun.exitCode()).hasValue(1);
    }
}
