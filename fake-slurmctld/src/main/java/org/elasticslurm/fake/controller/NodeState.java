package org.elasticslurm.fake.controller;

import java.util.List;
import java.util.Locale;
import org.elasticslurm.conf.state.NodeFlag;

/**
 * slurmctld's node state word: a base state in the low four bits and flags above, with the values of Slurm 22.05
 * ({@code slurm.h}), as the controller keeps it. Names and display forms come from slurm-conf's vocabulary
 * ({@link org.elasticslurm.conf.state.NodeState}); the request-only bits (UNDRAIN, REBOOT_CANCEL, POWER_DRAIN) appear
 * only in update requests.
 */
public final class NodeState {

    /** Base state UNKNOWN. */
    public static final int UNKNOWN = 0;
    /** Base state DOWN. */
    public static final int DOWN = 1;
    /** Base state IDLE. */
    public static final int IDLE = 2;
    /** Base state ALLOCATED. */
    public static final int ALLOCATED = 3;
    /** Base state ERROR (unused by Slurm). */
    public static final int ERROR = 4;
    /** Base state MIXED (computed for display from allocated CPUs). */
    public static final int MIXED = 5;
    /** Base state FUTURE. */
    public static final int FUTURE = 6;

    /** Mask of the base state. */
    public static final int BASE = 0x0000000f;
    /** Mask of the flags. */
    public static final int FLAGS = 0xfffffff0;

    /** PERFCTRS (network performance counters). */
    public static final int NET = 1 << 4;
    /** RESERVED. */
    public static final int RES = 1 << 5;
    /** Request: clear DRAIN (update message only). */
    public static final int UNDRAIN = 1 << 6;
    /** CLOUD. */
    public static final int CLOUD = 1 << 7;
    /** RESUME (update message only). */
    public static final int RESUME = 1 << 8;
    /** DRAIN. */
    public static final int DRAIN = 1 << 9;
    /** COMPLETING. */
    public static final int COMPLETING = 1 << 10;
    /** NOT_RESPONDING. */
    public static final int NO_RESPOND = 1 << 11;
    /** POWERED_DOWN. */
    public static final int POWERED_DOWN = 1 << 12;
    /** FAIL. */
    public static final int FAIL = 1 << 13;
    /** POWERING_UP. */
    public static final int POWERING_UP = 1 << 14;
    /** MAINTENANCE. */
    public static final int MAINT = 1 << 15;
    /** REBOOT_REQUESTED. */
    public static final int REBOOT_REQUESTED = 1 << 16;
    /** Request: cancel a reboot (update message only). */
    public static final int REBOOT_CANCEL = 1 << 17;
    /** POWERING_DOWN. */
    public static final int POWERING_DOWN = 1 << 18;
    /** DYNAMIC_FUTURE. */
    public static final int DYNAMIC_FUTURE = 1 << 19;
    /** REBOOT_ISSUED. */
    public static final int REBOOT_ISSUED = 1 << 20;
    /** PLANNED. */
    public static final int PLANNED = 1 << 21;
    /** INVALID_REG. */
    public static final int INVALID_REG = 1 << 22;
    /** POWER_DOWN (admin request pending). */
    public static final int POWER_DOWN = 1 << 23;
    /** POWER_UP (admin request pending). */
    public static final int POWER_UP = 1 << 24;
    /** Request: power down as soon as possible (update message only). */
    public static final int POWER_DRAIN = 1 << 25;
    /** DYNAMIC_NORM. */
    public static final int DYNAMIC_NORM = 1 << 26;

    private static final int REQUEST_ONLY = UNDRAIN | REBOOT_CANCEL | POWER_DRAIN;

    private NodeState() {
    }

    /** The state word in slurm-conf's vocabulary (request-only bits dropped). */
    public static org.elasticslurm.conf.state.NodeState of(int state) {
        return org.elasticslurm.conf.state.NodeState.ofWord(state);
    }

    /** The base state of a state word. */
    public static int base(int state) {
        return state & BASE;
    }

    /** Whether every bit of {@code flag} is set. */
    public static boolean has(int state, int flag) {
        return (state & flag) == flag;
    }

    /** The base name ({@code node_state_base_string}): IDLE, ALLOCATED, ... */
    public static String baseName(int state) {
        return of(state).base().name();
    }

    /** The flag names in Slurm's fixed order. */
    public static List<String> flagNames(int state) {
        return of(state).flagNames();
    }

    /** scontrol's {@code State=}: base plus {@code +FLAG} in the fixed order, e.g. {@code IDLE+CLOUD+POWERED_DOWN}. */
    public static String complete(int state) {
        return of(state).toString();
    }

    /** sinfo's {@code %T} in lower case (node_state_string), e.g. {@code idle~}. */
    public static String sinfoLong(int state) {
        return of(state).sinfoLong();
    }

    /** sinfo's {@code %t} in lower case (node_state_string_compact), e.g. {@code down~}. */
    public static String sinfoCompact(int state) {
        return of(state).sinfoCompact();
    }

    /** node_state_string of 22.05 (upper case). */
    public static String longName(int inx) {
        return of(inx).sinfoLong().toUpperCase(Locale.ROOT);
    }

    /** node_state_string_compact of 22.05 (upper case). */
    public static String compactName(int inx) {
        return of(inx).sinfoCompact().toUpperCase(Locale.ROOT);
    }

    /**
     * node_state_string of a requested state word ({@code scontrol update ... state=}), which may carry request-only
     * bits: REBOOT_CANCEL alone is CANCEL_REBOOT, and with such a bit a single power or cloud flag is no longer the
     * whole word, so it has no word of its own.
     */
    public static String requestName(int word) {
        if (word == REBOOT_CANCEL) {
            return "CANCEL_REBOOT";
        }
        var state = of(word);
        boolean aloneFlag = state.base() == org.elasticslurm.conf.state.NodeBase.UNKNOWN && state.flags().size() == 1
                && List.of(NodeFlag.CLOUD, NodeFlag.POWER_DOWN, NodeFlag.POWER_UP, NodeFlag.POWERING_DOWN,
                        NodeFlag.POWERED_DOWN, NodeFlag.POWERING_UP).containsAll(state.flags());
        if ((word & REQUEST_ONLY) != 0 && aloneFlag) {
            return "UNKNOWN";
        }
        return longName(word);
    }
}
