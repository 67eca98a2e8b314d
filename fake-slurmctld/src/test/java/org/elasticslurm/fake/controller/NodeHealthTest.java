package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pings, "Not responding", unexpected reboots and registrations while a node powers down. */
class NodeHealthTest {

    @TempDir
    Path dir;

    private SimLab lab(String... lines) {
        SimLab lab = SimLab.conf(dir, TestConf.lab(lines)).start();
        lab.runUntil(0);
        return lab;
    }

    @Test
    void aNodeWhoseSlurmdStopsAnsweringGoesDownAfterSlurmdTimeout() {
        SimLab lab = lab("SlurmdTimeout=30", "SuspendTime=600", "NodeName=n1 CPUs=1",
                "PartitionName=debug Nodes=n1 Default=YES MaxTime=INFINITE State=UP");
        lab.startSlurmd("n1", SlurmdStart.MACHINE_BOOT);
        lab.runUntil(5);
        assertThat(lab.state("n1")).isEqualTo("IDLE");
        lab.cluster.stopSlurmd("n1");

        lab.runUntil(30);
        assertThat(lab.state("n1")).isEqualTo("IDLE+NOT_RESPONDING");
        assertThat(lab.view("n1").sinfoCompact()).isEqualTo("idle*");
        lab.runUntil(60);

        assertThat(lab.state("n1")).isEqualTo("DOWN+NOT_RESPONDING");
        assertThat(lab.view("n1").reason()).hasValue("Not responding");
        assertThat(lab.logLines()).containsSubsequence("error: Nodes n1 not responding",
                "error: Nodes n1 not responding, setting DOWN");
    }

    @Test
    void aSlurmdRestartWithAFreshBootTimeIsAnUnexpectedRebootUnlessReturnToServiceIsTwo() {
        SimLab lab = lab("ReturnToService=0", "SuspendTime=600", "NodeName=n1 CPUs=1",
                "PartitionName=debug Nodes=n1 Default=YES MaxTime=INFINITE State=UP");
        lab.startSlurmd("n1", SlurmdStart.MACHINE_BOOT);
        lab.runUntil(5);

        lab.startSlurmd("n1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(10);

        assertThat(lab.state("n1")).isEqualTo("DOWN");
        assertThat(lab.view("n1").reason()).hasValue("Node unexpectedly rebooted");
        assertThat(lab.logLines()).anyMatch(l -> l.startsWith("validate_node_specs: Node n1 unexpectedly rebooted"
                + " boot_time="));
    }

    @Test
    void aRegistrationWhileThePowerDownIsUnderWayIsIgnored() {
        SimLab lab = lab("SuspendTime=600", "SuspendTimeout=60", "NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP");
        lab.startSlurmd("c1", SlurmdStart.MACHINE_BOOT);
        lab.runUntil(2);
        lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_DOWN));
        lab.runUntil(3);
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERING_DOWN");

        lab.startSlurmd("c1", SlurmdStart.MACHINE_BOOT);
        lab.runUntil(4);

        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERING_DOWN");
        assertThat(lab.logLines()).filteredOn(l -> l.equals("debug:  Still waiting for node 'c1' to power off"))
                .hasSize(2);
    }

    @Test
    void aRegistrationWithTooLittleMemoryDrainsTheNodeAsInvalid() {
        SimLab lab = lab("NodeName=c1 State=CLOUD CPUs=1 RealMemory=1000",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP");

        lab.cluster.startSlurmd("c1", SlurmdStart.FRESH_BOOT, 1, 800);
        lab.runUntil(1);

        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+DRAIN+INVALID_REG");
        assertThat(lab.view("c1").sinfoCompact()).isEqualTo("inval");
        assertThat(lab.view("c1").reason())
                .hasValue("Low RealMemory (reported:800 < 90.00% of configured:1000)");
        assertThat(lab.logLines()).contains("error: Setting node c1 state to INVAL with reason:Low RealMemory"
                + " (reported:800 < 90.00% of configured:1000)");
    }
}
