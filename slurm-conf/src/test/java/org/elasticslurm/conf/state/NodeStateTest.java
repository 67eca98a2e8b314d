package org.elasticslurm.conf.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeStateTest {

    /** Pairs seen on the real 22.05 daemon (shared/slurm-power-save.md, section 2; fake-slurmctld's recordings). */
    @ParameterizedTest
    @CsvSource({
            "IDLE+CLOUD+POWERED_DOWN, idle~, idle~",
            "IDLE+CLOUD+NOT_RESPONDING+POWERING_UP, idle#, idle#",
            "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP, alloc#, allocated#",
            "IDLE+CLOUD+POWERING_DOWN, idle%, idle%",
            "ALLOCATED+CLOUD+DRAIN+POWER_DOWN, drng!, draining!",
            "DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING, down~, down~",
            "ALLOCATED+CLOUD+POWERED_DOWN, alloc~, allocated~",
            "IDLE+DRAIN+POWERED_DOWN, drain~, drained~",
            "UNKNOWN, unk, unknown",
            "IDLE+CLOUD, idle, idle",
            "IDLE+DRAIN+INVALID_REG, inval, inval"})
    void sinfoFormsFollowSinfosWordsAndSuffixPrecedence(String scontrol, String compact, String longForm) {
        NodeState state = NodeState.parse(scontrol);

        assertThat(state.sinfoCompact()).isEqualTo(compact);
        assertThat(state.sinfoLong()).isEqualTo(longForm);
    }

    @ParameterizedTest
    @CsvSource({
            "IDLE+MAINTENANCE+REBOOT_REQUESTED+POWERING_UP+NOT_RESPONDING, maint*",
            "DOWN+MAINTENANCE+POWERED_DOWN, down$",
            "DOWN+MAINTENANCE+REBOOT_ISSUED+POWERED_DOWN, boot^",
            "DOWN+REBOOT_ISSUED+REBOOT_REQUESTED+POWERING_UP, boot^",
            "ALLOCATED+REBOOT_REQUESTED+POWERING_UP, alloc@",
            "MIXED+POWERING_UP+POWERING_DOWN+POWERED_DOWN, mix#",
            "FUTURE+POWERING_DOWN+POWERED_DOWN+POWER_DOWN, futr%",
            "IDLE+POWERED_DOWN+POWER_DOWN+NOT_RESPONDING, idle~",
            "DOWN+POWER_DOWN+NOT_RESPONDING, down!",
            "IDLE+NOT_RESPONDING, idle*",
            "ALLOCATED+COMPLETING, alloc+",
            "IDLE+COMPLETING, comp",
            "MIXED+PLANNED, mix-",
            "ALLOCATED+FAIL, failg",
            "IDLE+FAIL+NOT_RESPONDING, fail*",
            "UNKNOWN+CLOUD, cloud",
            "ERROR, ?"})
    void theCompactFormHasOneSuffixByPrecedence(String scontrol, String compact) {
        assertThat(NodeState.parse(scontrol).sinfoCompact()).isEqualTo(compact);
    }

    @Test
    void printsFlagsInScontrolsOrderWhateverTheWrittenOrder() {
        assertThat(NodeState.parse("IDLE+POWERED_DOWN+NOT_RESPONDING+CLOUD"))
                .hasToString("IDLE+CLOUD+POWERED_DOWN+NOT_RESPONDING")
                .isEqualTo(NodeState.of(NodeBase.IDLE, NodeFlag.NOT_RESPONDING, NodeFlag.POWERED_DOWN, NodeFlag.CLOUD));
    }

    @Test
    void unknownFlagIsNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> NodeState.parse("IDLE+CLOUDY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown state flag 'CLOUDY'")
                .hasMessageContaining("POWERED_DOWN");
    }

    @Test
    void unknownBaseAndRepeatedFlagAreRefused() {
        assertThatThrownBy(() -> NodeState.parse("idle")).hasMessageContaining("unknown base state 'idle'")
                .hasMessageContaining("IDLE, ALLOCATED");
        assertThatThrownBy(() -> NodeState.parse("IDLE+CLOUD+CLOUD")).hasMessage("state flag CLOUD written twice");
    }

    @Test
    void stateWordBitsAreThoseOfSlurmH() {
        // slurm.h 22.05: NODE_STATE_CLOUD 0x80, NODE_STATE_POWERED_DOWN 0x1000, NODE_STATE_NO_RESPOND 0x800,
        // NODE_STATE_POWERING_UP 0x4000, NODE_STATE_POWER_DOWN 0x800000; NODE_STATE_IDLE 2
        assertThat(NodeState.ofWord(2 | 0x80 | 0x1000)).hasToString("IDLE+CLOUD+POWERED_DOWN");
        assertThat(NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP").word())
                .isEqualTo(3 | 0x80 | 0x800 | 0x4000);
        assertThat(NodeState.ofWord(1 | 0x800000)).hasToString("DOWN+POWER_DOWN");
    }

    @Test
    void requestOnlyBitsAreNoPartOfAState() {
        int undrain = 1 << 6;
        int rebootCancel = 1 << 17;
        int powerDrain = 1 << 25;

        assertThat(NodeState.ofWord(2 | undrain | rebootCancel | powerDrain)).isEqualTo(NodeState.of(NodeBase.IDLE));
    }

    @Test
    void aBaseBeyondFutureIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> NodeState.ofWord(7)).hasMessageContaining("0 UNKNOWN to 6 FUTURE");
    }

    /** Any base with any flags renders in every form and reads back; the sinfo forms match their own pattern. */
    @Test
    void everyCombinationRendersInEveryForm() {
        Random random = new Random(20261206);
        NodeFlag[] all = NodeFlag.values();
        for (int i = 0; i < 50_000; i++) {
            NodeBase base = NodeBase.values()[random.nextInt(NodeBase.values().length)];
            EnumSet<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
            int bits = i < all.length ? 1 << i : random.nextInt(1 << all.length) & random.nextInt(1 << all.length);
            for (int f = 0; f < all.length; f++) {
                if ((bits & (1 << f)) != 0) {
                    flags.add(all[f]);
                }
            }
            NodeState state = new NodeState(base, flags);

            assertThat(NodeState.parse(state.toString())).isEqualTo(state);
            assertThat(NodeState.ofWord(state.word())).isEqualTo(state);
            if (base != NodeBase.ERROR) {
                assertThat(SinfoState.parse(state.sinfoCompact()).matches(state)).as(state.toString()).isTrue();
                assertThat(SinfoState.parse(state.sinfoLong()).matches(state)).as(state.toString()).isTrue();
            }
        }
    }
}
