package org.elasticslurm.conf.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SinfoStateTest {

    private static final NodeState POWERED_DOWN = NodeState.parse("IDLE+CLOUD+POWERED_DOWN");
    private static final NodeState POWERING_UP_WITH_JOB = NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");

    @Test
    void aCompactFormMatchesEveryStateSinfoPrintsThatWay() {
        assertThat(SinfoState.parse("idle~").matches(POWERED_DOWN)).isTrue();
        assertThat(SinfoState.parse("idle~").matches(NodeState.parse("IDLE+POWERED_DOWN"))).isTrue();
        assertThat(SinfoState.parse("idle").matches(POWERED_DOWN)).isFalse();
        assertThat(SinfoState.parse("alloc#").matches(POWERING_UP_WITH_JOB)).isTrue();
    }

    @Test
    void aLongFormMatchesSinfosPercentCapitalT() {
        SinfoState allocated = SinfoState.parse("allocated#");

        assertThat(allocated.compact()).isFalse();
        assertThat(allocated.matches(POWERING_UP_WITH_JOB)).isTrue();
        assertThat(SinfoState.parse("drained~").matches(NodeState.parse("IDLE+DRAIN+POWERED_DOWN"))).isTrue();
    }

    @Test
    void misspeltWordListsTheWords() {
        assertThatThrownBy(() -> SinfoState.parse("idel~"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown sinfo state 'idel'")
                .hasMessageContaining("idle, alloc, mix");
    }

    @Test
    void twoSuffixesAreNoSinfoState() {
        assertThatThrownBy(() -> SinfoState.parse("idle~*")).hasMessageContaining("'idle~*' is not a sinfo state");
    }
}
