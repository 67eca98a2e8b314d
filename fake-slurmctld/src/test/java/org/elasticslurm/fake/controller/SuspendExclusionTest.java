package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.sim.cluster.SimulatedRun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SuspendExcNodes (with :count) and SuspendExcParts: nodes kept awake when idle, as 22.05 picks them. */
class SuspendExclusionTest {

    private static final String NODES = "NodeName=c[1-4] State=CLOUD CPUs=1";

    @TempDir
    Path dir;

    private SimLab idleCluster(String... lines) {
        SimLab lab = SimLab.conf(dir, TestConf.cloud("c[1-4]", lines)).start();
        lab.runUntil(0);
        for (String node : new String[] {"c1", "c2", "c3", "c4"}) {
            lab.startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }
        return lab;
    }

    @Test
    void aCountedSetKeepsItsFirstIdleNodesAwake() {
        SimLab lab = idleCluster("SuspendExcNodes=c[1-4]:2");

        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[3-4]");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD");
        assertThat(lab.state("c2")).isEqualTo("IDLE+CLOUD");
        assertThat(lab.state("c3")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.logLines()).contains("POWER: exclude 2 nodes from c[1-4]", "POWER: excluded nodes c[1-2]");
    }

    @Test
    void aBusyNodeIsNotCountedSoTheNextIdleOnesStayAwake() {
        SimLab lab = idleCluster("SuspendExcNodes=c[1-4]:2");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(300), 0, ""));
        lab.runUntil(1);
        lab.srun("c1", "sleep", "300");

        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c4");
        assertThat(lab.state("c1")).isEqualTo("ALLOCATED+CLOUD");
        assertThat(lab.state("c2")).isEqualTo("IDLE+CLOUD");
        assertThat(lab.state("c3")).isEqualTo("IDLE+CLOUD");
    }

    @Test
    void aCountAboveTheSetSizeInvalidatesTheWholeValue() {
        SimLab lab = idleCluster("SuspendExcNodes=c[1-4]:5");

        lab.runUntil(40);

        assertThat(lab.logLines()).contains("error: Invalid SuspendExcNodes c[1-4]:5 ignored");
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[1-4]");
    }

    @Test
    void setsWithoutACountExcludeAllTheirNodes() {
        SimLab lab = idleCluster("SuspendExcNodes=c[1-2]:1,c4");

        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[2-3]");
    }

    @Test
    void aPlainListExcludesItsNodesAndAnUnknownNameIsReported() {
        SimLab lab = idleCluster("SuspendExcNodes=c2,nosuch");

        lab.runUntil(40);

        assertThat(lab.logLines()).contains("error: node_name2bitmap: invalid node specified: \"nosuch\"",
                "error: Invalid SuspendExcNodes c2,nosuch ignored");
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[1,3-4]");
    }

    @Test
    void aMalformedListIsLoggedInTheDaemonsWordsAndExcludesNothing() {
        SimLab lab = idleCluster("SuspendExcNodes=c[1-");

        lab.runUntil(40);

        assertThat(lab.logLines()).containsSubsequence("error: hostlist_create on c[1- error:",
                "error: Invalid SuspendExcNodes c[1- ignored");
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[1-4]");
    }

    @Test
    void excludedPartitionsNodesStayAwakeAndUnknownPartitionsAreReported() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("SuspendExcParts=keep,nope", NODES,
                "PartitionName=debug Nodes=c[1-2] Default=YES MaxTime=INFINITE State=UP",
                "PartitionName=keep Nodes=c[3-4] MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        for (String node : new String[] {"c1", "c2", "c3", "c4"}) {
            lab.startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }

        lab.runUntil(40);

        assertThat(lab.logLines()).contains("error: Invalid SuspendExcPart nope ignored");
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[1-2]");
    }

    @Test
    void exclusionsDoNotStopAnAdminPowerDown() {
        SimLab lab = idleCluster("SuspendExcNodes=c[1-4]");
        lab.runUntil(5);

        assertThat(lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_DOWN)).ok()).isTrue();
        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c1");
        assertThat(lab.state("c2")).isEqualTo("IDLE+CLOUD");
    }

    @Test
    void neverRegisteredNodesAreNeverSuspendedForIdleness() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=n1 CPUs=1",
                "PartitionName=debug Nodes=n1 Default=YES MaxTime=INFINITE State=UP")).start();

        lab.runUntil(120);

        assertThat(lab.calls(HookKind.SUSPEND)).isEmpty();
        assertThat(lab.view("n1").baseState()).isEqualTo("UNKNOWN");
    }
}
