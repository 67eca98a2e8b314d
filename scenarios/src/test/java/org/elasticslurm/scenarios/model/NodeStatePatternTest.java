package org.elasticslurm.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.elasticslurm.conf.state.NodeState;
import org.junit.jupiter.api.Test;

/** Scenario files' node-state patterns, read by slurm-conf's vocabulary. */
class NodeStatePatternTest {

    @Test
    void exactPatternNeedsTheSameFlagsAndSinfoPatternTheSameCompactForm() {
        NodeState poweredDown = NodeState.parse("IDLE+CLOUD+POWERED_DOWN");
        assertThat(NodeStatePattern.parse("IDLE+CLOUD").matches(poweredDown)).isFalse();
        assertThat(NodeStatePattern.parse("IDLE+POWERED_DOWN+CLOUD").matches(poweredDown)).isTrue();
        assertThat(NodeStatePattern.parse("idle~").matches(poweredDown)).isTrue();
        assertThat(NodeStatePattern.parse("idle").matches(poweredDown)).isFalse();
    }

    @Test
    void notFoundIsTheUnlistedNodeWhichNoListedStateMatches() {
        NodeStatePattern notFound = NodeStatePattern.parse("NOT_FOUND");

        assertThat(notFound).isInstanceOf(NodeStatePattern.NotListed.class).hasToString("NOT_FOUND");
        assertThat(notFound.matches(NodeState.parse("IDLE+CLOUD+POWERED_DOWN"))).isFalse();
    }

    @Test
    void misspeltSinfoWordListsTheWords() {
        assertThatThrownBy(() -> NodeStatePattern.parse("idel~"))
                .hasMessageContaining("unknown sinfo state 'idel'")
                .hasMessageContaining("idle, alloc, mix");
    }

    @Test
    void sinfosLongFormAndTheCompletingSuffixAreSinfoPatternsToo() {
        assertThat(NodeStatePattern.parse("allocated#").matches(NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")))
                .isTrue();
        assertThat(NodeStatePattern.parse("alloc+").matches(NodeState.parse("ALLOCATED+COMPLETING"))).isTrue();
    }

    @Test
    void mixedCaseIsNeitherForm() {
        assertThatThrownBy(() -> NodeStatePattern.parse("Idle"))
                .hasMessageContaining("scontrol's form in upper case");
    }
}
