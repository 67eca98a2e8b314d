package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticslurm.conf.state.NodeState;
import org.junit.jupiter.api.Test;

class NowRespondingTest {

    @Test
    void theRegistrationLineNamesItsNode() {
        assertThat(NowResponding.node("Node node1 now responding")).contains("node1");
        assertThat(NowResponding.node("_slurm_rpc_node_registration complete for node1 usec=81")).isEmpty();
        assertThat(NowResponding.node("debug:  Still waiting for boot of node node1")).isEmpty();
    }

    @Test
    void theInvalidRegistrationLineNamesItsNode() {
        assertThat(NowResponding.invalidNode("error: Setting node node2 state to INVAL with reason:Low RealMemory "
                + "(reported:100 < 100.00% of configured:4000)")).contains("node2");
        assertThat(NowResponding.invalidNode("Node node2 now responding")).isEmpty();
    }

    @Test
    void aPoweringUpNodeLosesOnlyThePowerAndResponseFlags() {
        assertThat(NowResponding.after(NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")))
                .contains(NodeState.parse("ALLOCATED+CLOUD"));
        assertThat(NowResponding.after(NodeState.parse("IDLE+CLOUD+DRAIN+POWERED_DOWN+POWERING_UP")))
                .contains(NodeState.parse("IDLE+CLOUD+DRAIN"));
        assertThat(NowResponding.after(NodeState.parse("MIXED+CLOUD+POWERING_UP")))
                .contains(NodeState.parse("MIXED+CLOUD"));
    }

    @Test
    void aNodeWhoseRegistrationMayChangeMoreIsNotDerived() {
        assertThat(NowResponding.after(NodeState.parse("DOWN+CLOUD+NOT_RESPONDING+POWERING_UP"))).isEmpty();
        assertThat(NowResponding.after(NodeState.parse("IDLE+CLOUD+NOT_RESPONDING"))).isEmpty();
        assertThat(NowResponding.after(NodeState.parse("IDLE+CLOUD+POWERED_DOWN"))).isEmpty();
        assertThat(NowResponding.after(NodeState.parse("IDLE+CLOUD+MAINTENANCE+POWERING_UP"))).isEmpty();
    }
}
