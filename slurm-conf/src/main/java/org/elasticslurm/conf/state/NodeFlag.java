package org.elasticslurm.conf.state;

/**
 * The node state flags {@code scontrol show node} prints, in its fixed order ({@code node_state_string_complete}),
 * each with its bit in 22.05's state word ({@code slurm.h}). The update-only request bits (UNDRAIN, REBOOT_CANCEL,
 * POWER_DRAIN) are never part of a node's state and are not listed.
 */
public enum NodeFlag {
    CLOUD(1 << 7),
    COMPLETING(1 << 10),
    DRAIN(1 << 9),
    DYNAMIC_FUTURE(1 << 19),
    DYNAMIC_NORM(1 << 26),
    INVALID_REG(1 << 22),
    FAIL(1 << 13),
    MAINTENANCE(1 << 15),
    POWER_DOWN(1 << 23),
    POWER_UP(1 << 24),
    PERFCTRS(1 << 4),
    POWERED_DOWN(1 << 12),
    REBOOT_REQUESTED(1 << 16),
    REBOOT_ISSUED(1 << 20),
    RESERVED(1 << 5),
    RESUME(1 << 8),
    NOT_RESPONDING(1 << 11),
    PLANNED(1 << 21),
    POWERING_UP(1 << 14),
    POWERING_DOWN(1 << 18);

    private final int bit;

    NodeFlag(int bit) {
        this.bit = bit;
    }

    /** The flag's bit in the state word. */
    public int bit() {
        return bit;
    }
}
