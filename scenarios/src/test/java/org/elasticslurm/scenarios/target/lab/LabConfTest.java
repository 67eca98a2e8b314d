package org.elasticslurm.scenarios.target.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabConfTest {
    private static final String TEMPLATE = """
            SlurmctldHost=$HOST($CTLD_ADDR)
            SlurmctldPort=16817
            StateSaveLocation=$LAB/state
            SlurmdSpoolDir=/var/lib/slurm/slurmd
            NodeName=node[1-2] State=CLOUD CPUs=1 Port=17001
            PartitionName=debug Nodes=node[1-2] Default=YES
            """;

    @Test
    void localNodesGetALineEachWithAFreePortOfTheirOwnAndSpoolLogAndPidFilesInTheLab() {
        LabConf conf = LabConf.localNodes(TEMPLATE, Path.of("/tmp/lab"), "ctl", "127.0.0.1");

        assertThat(conf.nodes()).containsExactly("node1", "node2");
        assertThat(conf.nodePorts().get("node1")).isNotEqualTo(conf.nodePorts().get("node2")).isNotEqualTo(17001);
        assertThat(conf.text()).contains("SlurmctldHost=ctl(127.0.0.1)", "StateSaveLocation=/tmp/lab/state",
                "NodeName=node1 State=CLOUD CPUs=1 Port=" + conf.nodePorts().get("node1"),
                "SlurmdSpoolDir=/tmp/lab/spool/%n", "SlurmdLogFile=/tmp/lab/log/slurmd-%n.log",
                "#SlurmctldPort=16817    # replaced for this lab", "PartitionName=debug Nodes=node[1-2] Default=YES")
                .doesNotContain("\nSlurmctldPort=16817").containsPattern("\nSlurmctldPort=\\d+\n");
    }

    @Test
    void machinesKeepTheirLinesAndOnlyThePlaceholdersChange() {
        LabConf conf = LabConf.forMachines(TEMPLATE, Path.of("/tmp/lab"), "ctl", "10.77.0.1");

        assertThat(conf.nodes()).containsExactly("node1", "node2");
        assertThat(conf.text()).isEqualTo(TEMPLATE.replace("$HOST($CTLD_ADDR)", "ctl(10.77.0.1)")
                .replace("$LAB", "/tmp/lab"));
    }
}
