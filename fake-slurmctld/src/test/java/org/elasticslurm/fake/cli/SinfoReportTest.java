package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.fake.controller.NodeState;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.junit.jupiter.api.Test;

/** sinfo's tables against the real 22.05 output recorded for the same node states. */
class SinfoReportTest {

    private static final String FIELDS = "%N %T %t %P %a %l %D";

    private final SinfoReport report = new SinfoReport(new SlurmTimes(ZoneOffset.UTC));

    private static final NodeInfo NODE1_POWERED_DOWN = Nodes.unregistered("node1", 56601, Nodes.POWERED_DOWN_CLOUD, 0);
    private static final NodeInfo NODE2_UNKNOWN = Nodes.unregistered("node2", 53653, NodeState.UNKNOWN, 0);
    private static final NodeInfo NODE2_IDLE = Nodes.registered("node2", 53653, NodeState.IDLE, 571, 21236,
            "2026-11-28T15:39:21", "2026-11-28T16:06:42", Optional.empty(), Optional.empty(), Optional.empty());
    private static final NodeInfo NODE1_POWERING_UP_ALLOCATED = Nodes.unregistered("node1", 56601,
            NodeState.ALLOCATED | NodeState.CLOUD | NodeState.NO_RESPOND | NodeState.POWERING_UP, 1);
    private static final NodeInfo NODE2_DRAINED = Nodes.registered("node2", 53653,
            NodeState.IDLE | NodeState.DRAIN | NodeState.POWERED_DOWN, 1142, 20191, "2026-11-28T16:17:05",
            "2026-11-28T16:17:04", Optional.empty(), Optional.of("maintenance"), Optional.of("2026-11-28T16:39:06"));
    private static final NodeInfo NODE2_POWERED_DOWN = Nodes.unregistered("node2", 53653,
            NodeState.IDLE | NodeState.POWERED_DOWN, 0);

    private String render(List<NodeInfo> nodes, String format, boolean nodeFlag, boolean reasons, boolean header) {
        return report.render(new NodeListing(0, nodes, List.of(Nodes.DEBUG)),
                new SinfoReport.Settings(format, nodeFlag, reasons, header));
    }

    @Test
    void theDefaultTableGroupsNodesByPartitionAndState() {
        List<NodeInfo> nodes = List.of(NODE1_POWERED_DOWN, NODE2_UNKNOWN);

        assertThat(render(nodes, SinfoReport.DEFAULT, false, false, true)).isEqualTo(RealOutput.of("sinfo_init").out());
        assertThat(render(nodes, SinfoReport.DEFAULT, false, false, false)).isEqualTo(RealOutput.of("sinfo_h_init").out());
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_IDLE), SinfoReport.DEFAULT, false, false, true))
                .isEqualTo(RealOutput.of("sinfo_up").out());
    }

    @Test
    void recordsAreSortedByTheStateWordDescending() {
        assertThat(render(List.of(NODE1_POWERING_UP_ALLOCATED, NODE2_IDLE), SinfoReport.DEFAULT, false, false, true))
                .isEqualTo(RealOutput.of("sinfo_CF").out());
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_DRAINED), SinfoReport.DEFAULT, false, false, true))
                .isEqualTo(RealOutput.of("sinfo_drain2").out());
    }

    @Test
    void nodesInTheSameStateShareOneRecordWithACompressedNodeList() {
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_POWERED_DOWN), SinfoReport.DEFAULT, false, false, true))
                .isEqualTo(RealOutput.of("sinfo_after_undrain").out());
    }

    @Test
    void theNodeOrientedTableHasOneLinePerNode() {
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_UNKNOWN), SinfoReport.NODE_ORIENTED, true, false, true))
                .isEqualTo(RealOutput.of("sinfo_N_init").out());
        assertThat(render(List.of(NODE1_POWERING_UP_ALLOCATED, NODE2_IDLE), SinfoReport.NODE_ORIENTED, true, false,
                true)).isEqualTo(RealOutput.of("sinfo_N_CF").out());
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_DRAINED), SinfoReport.NODE_ORIENTED, true, false, true))
                .isEqualTo(RealOutput.of("sinfo_N_drain2").out());
    }

    @Test
    void aFormatWithoutWidthsPrintsEachFieldAsItIs() {
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_UNKNOWN), FIELDS, false, false, true))
                .isEqualTo(RealOutput.of("sinfo_o_init").out());
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_DRAINED), FIELDS, false, false, true))
                .isEqualTo(RealOutput.of("sinfo_o_drain2").out());
    }

    @Test
    void theReasonListShowsOnlyDownDrainedAndFailedNodes() {
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_UNKNOWN), SinfoReport.REASONS, false, true, true))
                .isEqualTo(RealOutput.of("sinfo_R_init").out());
        assertThat(render(List.of(NODE1_POWERED_DOWN, NODE2_DRAINED), SinfoReport.REASONS, false, true, true))
                .isEqualTo(RealOutput.of("sinfo_R_drain2").out());
    }
}
