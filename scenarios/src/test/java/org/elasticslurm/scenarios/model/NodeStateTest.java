package org.elasticslurm.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NodeStateTest {

    /** Pairs seen on the real 22.05 daemon (shared/slurm-power-save.md, section 2). */
    @ParameterizedTest
    @CsvSource({
            "IDLE+CLOUD+POWERED_DOWN, idle~",
            "IDLE+CLOUD+NOT_RESPONDING+POWERING_UP, idle#",
            "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP, alloc#",
            "IDLE+CLOUD+POWERING_DOWN, idle%",
            "ALLOCATED+CLOUD+DRAIN+POWER_DOWN, drng!",
            "DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING, down~",
            "ALLOCATED+CLOUD+POWERED_DOWN, alloc~",
            "IDLE+CLOUD, idle",
            "IDLE+INVALID_REG+DRAIN, inval"})
    void sinfoFormFollowsSinfosSuffixPrecedence(String scontrol, String sinfo) {
        assertThat(NodeState.parse(scontrol).sinfo()).isEqualTo(sinfo);
    }

    @Test
    void printsFlagsInScontrolsOrderWhateverTheWrittenOrder() {
        assertThat(NodeState.parse("IDLE+POWERED_DOWN+CLOUD")).hasToString("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void unknownFlagIsNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> NodeState.parse("IDLE+CLOUDY"))
                .hasMessageContaining("unknown state flag 'CLOUDY'")
                .hasMessageContaining("POWERED_DOWN");
    }

    @Test
    void exactPatternNeedsTheSameFlagsAndSinfoPatternTheSameCompactForm() {
        NodeState poweredDown = NodeState.parse("IDLE+CLOUD+POWERED_DOWN");
        assertThat(NodeStatePattern.parse("IDLE+CLOUD").matches(poweredDown)).isFalse();
        assertThat(NodeStatePattern.parse("IDLE+POWERED_DOWN+CLOUD").matches(poweredDown)).isTrue();
        assertThat(NodeStatePattern.parse("idle~").matches(poweredDown)).isTrue();
        assertThat(NodeStatePattern.parse("idle").matches(poweredDown)).isFalse();
    }

    @Test
    void misspeltSinfoWordListsTheWords() {
        assertThatThrownBy(() -> NodeStatePattern.parse("idel~"))
                .hasMessageContaining("unknown sinfo state 'idel'")
                .hasMessageContaining("idle, alloc, mix");
    }

    @Test
    void mixedCaseIsNeitherForm() {
        assertThatThrownBy(() -> NodeStatePattern.parse("Idle"))
                .hasMessageContaining("scontrol's form in upper case");
    }
}
