package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticslurm.conf.state.NodeFlag;
import org.junit.jupiter.api.Test;

/** SuspendExcStates read as slurmctld 24.11.5 and 26.05.5 read it (values measured with DebugFlags=Power). */
class SuspendExcStatesTest {

    @Test
    void downAndFlagsAreTakenWithoutRegardToCaseAndTheRestIsInvalid() {
        // 24.11 and 26.05: "Invalid SuspendExcState bogus", "... perfctrs", "suspend_exc_down=1
        // suspend_exc_state_flags=UNKNOWN+DRAIN"
        SuspendExcStates read = SuspendExcStates.read("down,bogus,perfctrs,dr");

        assertThat(read.down()).isTrue();
        assertThat(read.flags()).containsExactly(NodeFlag.DRAIN);
        assertThat(read.invalid()).containsExactly("bogus", "perfctrs");
    }

    @Test
    void aPrefixNamesTheFirstFlagItStartsAndDownNeedsTwoLetters() {
        // 24.11: "Invalid SuspendExcState co", "... downs", "suspend_exc_down=0
        // suspend_exc_state_flags=UNKNOWN+CLOUD+DRAIN+MAINTENANCE+NOT_RESPONDING+PLANNED"
        SuspendExcStates read = SuspendExcStates.read("d,co,downs,not_resp,maint,pl,c");

        assertThat(read.down()).isFalse();
        assertThat(read.flags()).containsExactlyInAnyOrder(NodeFlag.CLOUD, NodeFlag.DRAIN, NodeFlag.MAINTENANCE,
                NodeFlag.NOT_RESPONDING, NodeFlag.PLANNED);
        assertThat(read.invalid()).containsExactly("co", "downs");
    }

    @Test
    void theFlagBitsAreThoseOfTheStateWord() {
        assertThat(SuspendExcStates.read("DRAIN,FAIL").flagBits()).isEqualTo((1 << 9) | (1 << 13));
        assertThat(SuspendExcStates.NONE.flagBits()).isZero();
    }
}
