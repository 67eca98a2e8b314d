package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticslurm.lab.process.LabException;
import org.junit.jupiter.api.Test;

class ConfTemplateTest {

    private final AtomicInteger nextPort = new AtomicInteger(20000);

    @Test
    void replacesLabHostAndEveryPortWithFreshOnes() {
        ConfTemplate template = new ConfTemplate("t.conf", """
                SlurmctldHost=$HOST(127.0.0.1)
                StateSaveLocation=$LAB/state
                SlurmctldPort=16817
                NodeName=node1 State=CLOUD CPUs=1 Port=17101 NodeAddr=127.0.0.1
                NodeName=node2 State=CLOUD CPUs=1 NodeAddr=127.0.0.1
                PartitionName=debug Nodes=node[1-2] Default=YES
                """);

        RenderedConf conf = template.render(Path.of("/tmp/esld-1"), "vm", nextPort::getAndIncrement);

        assertThat(conf.text()).isEqualTo("""
                SlurmctldHost=vm(127.0.0.1)
                StateSaveLocation=/tmp/esld-1/state
                SlurmctldPort=20000
                NodeName=node1 State=CLOUD CPUs=1 Port=20001 NodeAddr=127.0.0.1
                NodeName=node2 State=CLOUD CPUs=1 NodeAddr=127.0.0.1 Port=20002
                PartitionName=debug Nodes=node[1-2] Default=YES
                SlurmctldPidFile=/tmp/esld-1/slurmctld.pid
                """);
        assertThat(conf.nodes()).containsExactly("node1", "node2");
        assertThat(conf.slurmctldPort()).isEqualTo(20000);
        assertThat(conf.nodePorts()).containsEntry("node1", 20001).containsEntry("node2", 20002);
    }

    @Test
    void addsSlurmctldPortWhenTheTemplateHasNone() {
        RenderedConf conf = new ConfTemplate("t.conf", "ClusterName=lab\nNodeName=n1 Port=1\n")
                .render(Path.of("/lab"), "vm", nextPort::getAndIncrement);

        assertThat(conf.text()).isEqualTo("ClusterName=lab\nNodeName=n1 Port=20001\nSlurmctldPort=20000\n"
                + "SlurmctldPidFile=/lab/slurmctld.pid\n");
    }

    @Test
    void leavesNodeNameDefaultAndCommentsAlone() {
        RenderedConf conf = new ConfTemplate("t.conf", "# NodeName=x Port=1\nNodeName=DEFAULT CPUs=1\nNodeName=n1\n")
                .render(Path.of("/lab"), "vm", nextPort::getAndIncrement);

        assertThat(conf.text()).startsWith("# NodeName=x Port=1\nNodeName=DEFAULT CPUs=1\nNodeName=n1 Port=20001\n");
        assertThat(conf.nodes()).containsExactly("n1");
    }

    @Test
    void refusesAHostlistOnANodeNameLineNamingFileAndLine() {
        ConfTemplate template = new ConfTemplate("t.conf", "ClusterName=lab\nNodeName=node[1-2] State=CLOUD\n");

        assertThatThrownBy(() -> template.render(Path.of("/lab"), "vm", nextPort::getAndIncrement))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("t.conf:2")
                .hasMessageContaining("must name one node");
    }

    @Test
    void refusesATemplateWithoutNodes() {
        assertThatThrownBy(() -> new ConfTemplate("t.conf", "ClusterName=lab\n")
                .render(Path.of("/lab"), "vm", nextPort::getAndIncrement))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("no NodeName line");
    }

    @Test
    void refusesANodeDefinedTwice() {
        assertThatThrownBy(() -> new ConfTemplate("t.conf", "NodeName=n1\nNodeName=n1\n")
                .render(Path.of("/lab"), "vm", nextPort::getAndIncrement))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("t.conf:2: node n1 is defined twice");
    }

    private static final String SCENARIO_CONF = """
            SlurmctldHost=$HOST($CTLD_ADDR)
            SlurmctldPort=16817
            StateSaveLocation=$LAB/state
            SlurmdSpoolDir=/var/lib/slurm/slurmd
            NodeName=node[1-2] State=CLOUD CPUs=1 Port=17001
            PartitionName=debug Nodes=node[1-2] Default=YES
            """;

    @Test
    void localNodesGetALineEachWithAFreePortOfTheirOwnAndSpoolLogAndPidFilesInTheLab() {
        RenderedConf conf = new ConfTemplate("t.conf", SCENARIO_CONF)
                .renderLocalNodes(Path.of("/tmp/lab"), "ctl", "127.0.0.1", nextPort::getAndIncrement);

        assertThat(conf.nodes()).containsExactly("node1", "node2");
        assertThat(conf.nodePorts()).containsEntry("node1", 20000).containsEntry("node2", 20001);
        assertThat(conf.slurmctldPort()).isEqualTo(20002);
        assertThat(conf.text()).contains("SlurmctldHost=ctl(127.0.0.1)", "StateSaveLocation=/tmp/lab/state",
                "\nNodeName=node1 State=CLOUD CPUs=1 Port=20000\nNodeName=node2 State=CLOUD CPUs=1 Port=20001\n",
                "SlurmdSpoolDir=/tmp/lab/spool/%n", "SlurmdLogFile=/tmp/lab/log/slurmd-%n.log",
                "SlurmdPidFile=/tmp/lab/run/slurmd-%n.pid", "\nSlurmctldPort=20002\n",
                "#SlurmctldPort=16817    # replaced for this lab",
                "#SlurmdSpoolDir=/var/lib/slurm/slurmd    # replaced for this lab",
                "PartitionName=debug Nodes=node[1-2] Default=YES")
                .doesNotContain("\nSlurmctldPort=16817", "Port=17001");
    }

    @Test
    void localNodesRefuseANodeDefinedTwiceNamingFileAndLine() {
        ConfTemplate template = new ConfTemplate("t.conf", "ClusterName=lab\nNodeName=node[1-2] CPUs=1\n"
                + "NodeName=node2 CPUs=2\n");

        assertThatThrownBy(() -> template.renderLocalNodes(Path.of("/lab"), "vm", "127.0.0.1",
                nextPort::getAndIncrement))
                .isInstanceOf(LabException.class)
                .hasMessage("t.conf:3: node node2 is defined twice");
    }

    @Test
    void localNodesRefuseATemplateWithoutNodes() {
        ConfTemplate template = new ConfTemplate("t.conf", "ClusterName=lab\nNodeName=DEFAULT CPUs=1\n");

        assertThatThrownBy(() -> template.renderLocalNodes(Path.of("/lab"), "vm", "127.0.0.1",
                nextPort::getAndIncrement))
                .isInstanceOf(LabException.class)
                .hasMessage("t.conf: no NodeName line: a lab needs at least one node");
    }

    @Test
    void machinesKeepTheirLinesAndOnlyThePlaceholdersAndTheControllersPidFileChange() {
        RenderedConf conf = new ConfTemplate("t.conf", SCENARIO_CONF)
                .renderForMachines(Path.of("/tmp/lab"), "ctl", "10.77.0.1");

        assertThat(conf.nodes()).containsExactly("node1", "node2");
        assertThat(conf.slurmctldPort()).isEqualTo(16817);
        assertThat(conf.text()).isEqualTo("""
                SlurmctldHost=ctl(10.77.0.1)
                SlurmctldPort=16817
                StateSaveLocation=/tmp/lab/state
                SlurmdSpoolDir=/var/lib/slurm/slurmd
                NodeName=node[1-2] State=CLOUD CPUs=1 Port=17001
                PartitionName=debug Nodes=node[1-2] Default=YES
                SlurmctldPidFile=/tmp/lab/slurmctld.pid
                """);
    }

    @Test
    void aControllerPidFileOutsideTheLabIsReplacedSinceSlurmctldEndsTheProcessItNames() {
        String template = "SlurmctldPidFile=/run/slurmctld.pid\nNodeName=n1\n";

        for (RenderedConf conf : java.util.List.of(
                new ConfTemplate("t.conf", template).render(Path.of("/tmp/lab"), "vm", nextPort::getAndIncrement),
                new ConfTemplate("t.conf", template).renderForMachines(Path.of("/tmp/lab"), "vm", "10.77.0.1"),
                new ConfTemplate("t.conf", template).renderLocalNodes(Path.of("/tmp/lab"), "vm", "127.0.0.1",
                        nextPort::getAndIncrement))) {
            assertThat(conf.text()).contains(
                    "#SlurmctldPidFile=/run/slurmctld.pid    # replaced for this lab: its PID file is the lab's own",
                    "\nSlurmctldPidFile=/tmp/lab/slurmctld.pid\n").doesNotContain("\nSlurmctldPidFile=/run/");
        }
    }

    @Test
    void aControllerPidFileInsideTheLabIsKept() {
        RenderedConf conf = new ConfTemplate("t.conf", "SlurmctldPidFile=$LAB/run/ctld.pid\nNodeName=n1\n")
                .renderForMachines(Path.of("/tmp/lab"), "vm", "10.77.0.1");

        assertThat(conf.text()).isEqualTo("SlurmctldPidFile=/tmp/lab/run/ctld.pid\nNodeName=n1\n");
    }

    @Test
    void machinesWithoutSlurmctldPortUseSlurmsDefault() {
        assertThat(new ConfTemplate("t.conf", "NodeName=n1\n").renderForMachines(Path.of("/l"), "h", "a")
                .slurmctldPort()).isEqualTo(6817);
    }
}
