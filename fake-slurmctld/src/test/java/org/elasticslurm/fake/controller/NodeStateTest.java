package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.fake.controller.NodeState.ALLOCATED;
import static org.elasticslurm.fake.controller.NodeState.CLOUD;
import static org.elasticslurm.fake.controller.NodeState.COMPLETING;
import static org.elasticslurm.fake.controller.NodeState.DOWN;
import static org.elasticslurm.fake.controller.NodeState.DRAIN;
import static org.elasticslurm.fake.controller.NodeState.IDLE;
import static org.elasticslurm.fake.controller.NodeState.INVALID_REG;
import static org.elasticslurm.fake.controller.NodeState.MAINT;
import static org.elasticslurm.fake.controller.NodeState.MIXED;
import static org.elasticslurm.fake.controller.NodeState.NO_RESPOND;
import static org.elasticslurm.fake.controller.NodeState.POWERED_DOWN;
import static org.elasticslurm.fake.controller.NodeState.POWERING_DOWN;
import static org.elasticslurm.fake.controller.NodeState.POWERING_UP;
import static org.elasticslurm.fake.controller.NodeState.POWER_DOWN;
import static org.elasticslurm.fake.controller.NodeState.UNKNOWN;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The display strings of slurm_protocol_defs.c (22.05) for the states seen in the lab. */
class NodeStateTest {

    @Test
    void scontrolStateListsFlagsInTheFixedOrder() {
        assertThat(NodeState.complete(IDLE | CLOUD | POWERED_DOWN)).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(NodeState.complete(IDLE | POWERING_UP | NO_RESPOND | CLOUD))
                .isEqualTo("IDLE+CLOUD+NOT_RESPONDING+POWERING_UP");
        assertThat(NodeState.complete(ALLOCATED | POWER_DOWN | DRAIN | CLOUD))
                .isEqualTo("ALLOCATED+CLOUD+DRAIN+POWER_DOWN");
        assertThat(NodeState.complete(DOWN | NO_RESPOND | POWERED_DOWN | CLOUD))
                .isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        assertThat(NodeState.complete(IDLE | NO_RESPOND | POWERED_DOWN)).isEqualTo("IDLE+POWERED_DOWN+NOT_RESPONDING");
        assertThat(NodeState.complete(IDLE)).isEqualTo("IDLE");
    }

    @ParameterizedTest(name = "{0} -> %t {1}, %T {2}")
    @CsvSource({
        "IDLE+CLOUD+POWERED_DOWN, idle~, idle~",
        "IDLE+CLOUD+NOT_RESPONDING+POWERING_UP, idle#, idle#",
        "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP, alloc#, allocated#",
        "ALLOCATED+CLOUD+POWERED_DOWN, alloc~, allocated~",
        "IDLE+CLOUD+POWERING_DOWN, idle%, idle%",
        "ALLOCATED+CLOUD+DRAIN+POWER_DOWN, drng!, draining!",
        "DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING, down~, down~",
        "IDLE+NOT_RESPONDING, idle*, idle*",
        "IDLE+DRAIN, drain, drained",
        "IDLE+COMPLETING, comp, completing",
        "ALLOCATED+COMPLETING, alloc+, allocated+",
        "MIXED+CLOUD, mix, mixed",
        "UNKNOWN+NOT_RESPONDING, unk*, unknown*",
        "FUTURE, futr, future",
        "IDLE+INVALID_REG+DRAIN, inval, inval",
    })
    void sinfoShowsTheBaseWordWithOneSuffixByPrecedence(String complete, String compact, String longName) {
        int state = parse(complete);
        assertThat(NodeState.complete(state)).isEqualTo(complete.contains("INVALID_REG")
                ? "IDLE+DRAIN+INVALID_REG" : complete);
        assertThat(NodeState.sinfoCompact(state)).isEqualTo(compact);
        assertThat(NodeState.sinfoLong(state)).isEqualTo(longName);
    }

    @Test
    void maintenanceWinsOverPowerSuffixes() {
        assertThat(NodeState.sinfoCompact(IDLE | MAINT | POWERED_DOWN)).isEqualTo("maint");
        assertThat(NodeState.sinfoCompact(DOWN | MAINT | POWERED_DOWN)).isEqualTo("down$");
        assertThat(NodeState.sinfoCompact(IDLE | POWERING_DOWN | POWERED_DOWN | NO_RESPOND)).isEqualTo("idle%");
        assertThat(NodeState.sinfoCompact(UNKNOWN)).isEqualTo("unk");
        assertThat(NodeState.sinfoCompact(IDLE | COMPLETING | NO_RESPOND)).isEqualTo("comp*");
        assertThat(NodeState.sinfoCompact(ALLOCATED | INVALID_REG)).isEqualTo("inval");
    }

    @Test
    void aRequestWordWithARequestOnlyBitHasNoPowerFlagWordOfItsOwn() {
        assertThat(NodeState.requestName(POWER_DOWN | NodeState.POWER_DRAIN)).isEqualTo("UNKNOWN");
        assertThat(NodeState.requestName(NodeState.REBOOT_CANCEL)).isEqualTo("CANCEL_REBOOT");
        assertThat(NodeState.requestName(POWER_DOWN)).isEqualTo("POWER_DOWN");
        assertThat(NodeState.requestName(NodeState.RESUME)).isEqualTo("RESUME");
        assertThat(NodeState.requestName(IDLE)).isEqualTo("IDLE");
    }

    @Test
    void everyStateFlagOfTheWordIsTheVocabularysFlagOfTheSameBit() {
        assertThat(NodeState.flagNames(CLOUD | COMPLETING | DRAIN | INVALID_REG | MAINT | POWER_DOWN
                | NodeState.POWER_UP | NodeState.NET | POWERED_DOWN | NodeState.REBOOT_REQUESTED | NodeState.REBOOT_ISSUED
                | NodeState.RES | NodeState.RESUME | NO_RESPOND | NodeState.PLANNED | POWERING_UP | POWERING_DOWN
                | NodeState.FAIL | NodeState.DYNAMIC_FUTURE | NodeState.DYNAMIC_NORM))
                .containsExactly("CLOUD", "COMPLETING", "DRAIN", "DYNAMIC_FUTURE", "DYNAMIC_NORM", "INVALID_REG", "FAIL",
                        "MAINTENANCE", "POWER_DOWN", "POWER_UP", "PERFCTRS", "POWERED_DOWN", "REBOOT_REQUESTED",
                        "REBOOT_ISSUED", "RESERVED", "RESUME", "NOT_RESPONDING", "PLANNED", "POWERING_UP",
                        "POWERING_DOWN");
    }

    private static int parse(String complete) {
        String[] parts = complete.split("\\+");
        int state = switch (parts[0]) {
            case "IDLE" -> IDLE;
            case "ALLOCATED" -> ALLOCATED;
            case "DOWN" -> DOWN;
            case "MIXED" -> MIXED;
            case "UNKNOWN" -> UNKNOWN;
            case "FUTURE" -> NodeState.FUTURE;
            default -> throw new IllegalArgumentException(parts[0]);
        };
        for (int i = 1; i < parts.length; i++) {
            state |= switch (parts[i]) {
                case "CLOUD" -> CLOUD;
                case "POWERED_DOWN" -> POWERED_DOWN;
                case "POWERING_UP" -> POWERING_UP;
                case "POWERING_DOWN" -> POWERING_DOWN;
                case "POWER_DOWN" -> POWER_DOWN;
                case "NOT_RESPONDING" -> NO_RESPOND;
                case "DRAIN" -> DRAIN;
                case "COMPLETING" -> COMPLETING;
                case "INVALID_REG" -> INVALID_REG;
                default -> throw new IllegalArgumentException(parts[i]);
            };
        }
        return state;
    }
}
