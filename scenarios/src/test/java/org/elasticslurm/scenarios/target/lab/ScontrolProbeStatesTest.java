package org.elasticslurm.scenarios.target.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.target.TargetException;
import org.junit.jupiter.api.Test;

class ScontrolProbeStatesTest {

    private static final String SHOWN = """
            NodeName=n2 CoresPerSocket=1
               State=ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP ThreadsPerCore=1
               Reason=waking up [root@2026-12-06T10:00:00]

            NodeName=other State=IDLE
            NodeName=n1 Arch=x86_64 State=IDLE+CLOUD Weight=1
            """;

    @Test
    void statesOfTheConfiguredNodesComeInConfigurationOrderAndUnlistedNodesAreLeftOut() {
        assertThat(ScontrolProbe.states(SHOWN, List.of("n1", "n2", "n3")))
                .containsExactly(entry("n1", NodeState.parse("IDLE+CLOUD")),
                        entry("n2", NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")));
    }

    @Test
    void aStateSlurm2205DoesNotHaveIsNamedWithItsNode() {
        assertThatThrownBy(() -> ScontrolProbe.states("NodeName=n1 State=IDLE+BLOCKED\n", List.of("n1")))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("node n1 shows State=IDLE+BLOCKED");
    }
}
