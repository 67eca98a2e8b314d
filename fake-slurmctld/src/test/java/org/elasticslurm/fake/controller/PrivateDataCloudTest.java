package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 22.05 hides powered-down CLOUD nodes from clients unless PrivateData=cloud. */
class PrivateDataCloudTest {

    @TempDir
    Path dir;

    private SimLab lab(String privateData) {
        return SimLab.conf(dir, TestConf.lab(privateData, "NodeName=c[1-2] State=CLOUD CPUs=1",
                "NodeName=s1 CPUs=1", "PartitionName=debug Nodes=c[1-2],s1 Default=YES MaxTime=INFINITE State=UP"))
                .start();
    }

    @Test
    void poweredDownCloudNodesAreHiddenWithoutPrivateDataCloud() {
        SimLab lab = lab("PrivateData=jobs");
        lab.runUntil(0);

        assertThat(lab.controller.node("c1")).isEqualTo(new NodeLookup.Hidden("c1"));
        assertThat(lab.controller.node("nosuch")).isEqualTo(new NodeLookup.NotFound("nosuch"));
        assertThat(lab.controller.nodes()).extracting(NodeView::name).containsExactly("s1");
        assertThat(lab.controller.allNodes()).extracting(NodeView::name).containsExactly("c1", "c2", "s1");
    }

    @Test
    void poweredDownCloudNodesAreVisibleWithPrivateDataCloud() {
        SimLab lab = lab("PrivateData=cloud");
        lab.runUntil(0);

        assertThat(lab.controller.node("c1")).isInstanceOfSatisfying(NodeLookup.Visible.class,
                v -> assertThat(v.node().state()).isEqualTo("IDLE+CLOUD+POWERED_DOWN"));
        assertThat(lab.controller.nodes()).extracting(NodeView::name).containsExactly("c1", "c2", "s1");
    }

    @Test
    void aPoweringUpCloudNodeIsVisibleEvenWithoutPrivateDataCloud() {
        SimLab lab = lab("PrivateData=jobs");
        lab.runUntil(0);
        lab.controller.updateNode(NodeUpdate.state("c2", NodeStateRequest.POWER_UP));
        lab.runUntil(2);

        assertThat(lab.controller.node("c2")).isInstanceOfSatisfying(NodeLookup.Visible.class,
                v -> assertThat(v.node().sinfoCompact()).isEqualTo("idle#"));
        assertThat(lab.controller.nodes()).extracting(NodeView::name).containsExactly("c2", "s1");
    }
}
