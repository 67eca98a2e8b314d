package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Optional;
import org.elasticslurm.fake.controller.NodeState;
import org.junit.jupiter.api.Test;

/** {@code scontrol show node} against the real 22.05 output recorded for the same node states. */
class NodeFormatterTest {

    private final NodeFormatter formatter = new NodeFormatter(new SlurmTimes(ZoneOffset.UTC));

    @Test
    void nodesThatNeverRegisteredShowNoArchVersionOsOrTimes() {
        String shown = formatter.format(Nodes.unregistered("node1", 56601, Nodes.POWERED_DOWN_CLOUD, 0), false)
                + formatter.format(Nodes.unregistered("node2", 53653, NodeState.UNKNOWN, 0), false);

        assertThat(shown).isEqualTo(RealOutput.of("show_node_init").out());
    }

    @Test
    void aRegisteredNodeShowsWhatItsSlurmdReported() {
        String shown = formatter.format(Nodes.registered("node2", 53653, NodeState.IDLE, 571, 21236,
                "2026-11-28T15:39:21", "2026-11-28T16:06:42", Optional.of("2026-11-28T16:06:42"), Optional.empty(),
                Optional.empty()), false);

        assertThat(shown).isEqualTo(RealOutput.of("show_node2_up").out());
    }

    @Test
    void aNodeAllocatedWhilePoweringUpShowsItsAllocatedCpu() {
        int state = NodeState.ALLOCATED | NodeState.CLOUD | NodeState.NO_RESPOND | NodeState.POWERING_UP;

        String shown = formatter.format(Nodes.unregistered("node1", 56601, state, 1), false);

        assertThat(shown).isEqualTo(RealOutput.of("show_node1_CF").out());
    }

    @Test
    void aDrainedNodeShowsItsReasonWithUserAndTime() {
        int state = NodeState.IDLE | NodeState.DRAIN | NodeState.POWERED_DOWN;

        String shown = formatter.format(drained(state), false);

        assertThat(shown).isEqualTo(RealOutput.of("show_node2_drain").out());
    }

    @Test
    void theOneLinerPutsTheWholeRecordOnOneLine() {
        int state = NodeState.IDLE | NodeState.DRAIN | NodeState.POWERED_DOWN;

        String shown = formatter.format(drained(state), true);

        assertThat(shown).isEqualTo(RealOutput.of("show_node2_oneliner").out());
    }

    private static org.elasticslurm.fake.wire.NodeInfo drained(int state) {
        return Nodes.registered("node2", 53653, state, 1142, 20191, "2026-11-28T16:17:05", "2026-11-28T16:17:04",
                Optional.empty(), Optional.of("maintenance"), Optional.of("2026-11-28T16:39:06"));
    }
}
