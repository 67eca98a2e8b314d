package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slurmd that registers after ResumeTimeout marked its node DOWN: ReturnToService decides. */
class ReturnToServiceTest {

    @TempDir
    Path dir;

    private SimLab timedOut(int returnToService) {
        SimLab lab = SimLab.conf(dir, TestConf.lab("ReturnToService=" + returnToService,
                "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.runUntil(35);
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(40);
        return lab;
    }

    @Test
    void returnToServiceTwoBringsALateNodeBackIdle() {
        SimLab lab = timedOut(2);

        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD");
        assertThat(lab.logLines()).containsSubsequence("Node node1 now responding", "node node1 returned to service");
    }

    @Test
    void returnToServiceOneKeepsItDownAfterResumeTimeout() {
        SimLab lab = timedOut(1);

        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD");
        assertThat(lab.view("node1").reason()).hasValue("ResumeTimeout reached");
        assertThat(lab.logLines()).doesNotContain("node node1 returned to service");
    }

    @Test
    void returnToServiceZeroKeepsItDown() {
        SimLab lab = timedOut(0);

        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD");
        assertThat(lab.view("node1").sinfoCompact()).isEqualTo("down");
    }

    @Test
    void aCloudNodeWhoseSlurmdRegistersUnpromptedBecomesIdle() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        lab.startSlurmd("node1", SlurmdStart.MACHINE_BOOT);

        lab.runUntil(1);
        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD");

        lab.runUntil(40);
        assertThat(lab.state("node1")).as("idle 15 s, suspended on the 10 s grid, powered down after 5 s")
                .isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }
}
