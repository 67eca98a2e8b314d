package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * slurmctld's node state word: a base state in the low four bits and flags above, with the values and names of
 * Slurm 22.05 ({@code slurm.h}, {@code slurm_protocol_defs.c}). The display functions reproduce
 * {@code node_state_string_complete} (scontrol {@code State=}), {@code node_state_string} (sinfo {@code %T}) and
 * {@code node_state_string_compact} (sinfo {@code %t}).
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

    private static final int[] FLAG_ORDER = {
        CLOUD, COMPLETING, DRAIN, DYNAMIC_FUTURE, DYNAMIC_NORM, INVALID_REG, FAIL, MAINT, POWER_DOWN, POWER_UP,
        NET, POWERED_DOWN, REBOOT_REQUESTED, REBOOT_ISSUED, RES, RESUME, NO_RESPOND, PLANNED, POWERING_UP,
        POWERING_DOWN,
    };
    private static final String[] FLAG_NAMES = {
        "CLOUD", "COMPLETING", "DRAIN", "DYNAMIC_FUTURE", "DYNAMIC_NORM", "INVALID_REG", "FAIL", "MAINTENANCE",
        "POWER_DOWN", "POWER_UP", "PERFCTRS", "POWERED_DOWN", "REBOOT_REQUESTED", "REBOOT_ISSUED", "RESERVED",
        "RESUME", "NOT_RESPONDING", "PLANNED", "POWERING_UP", "POWERING_DOWN",
    };
    private static final String[] BASE_NAMES = {
        "UNKNOWN", "DOWN", "IDLE", "ALLOCATED", "ERROR", "MIXED", "FUTURE",
    };

    private NodeState() {
    }

    /** The base state of a state word. */
    public static int base(int state) {
        return state & BASE;
    }

    /** Whether every bit of {@code flag} is set. */
    public static boolean has(int state, int flag) {
        return (state & flag) == flag;
    }

    /** The base name ({@code node_state_base_string}): IDLE, ALLOCATED, ... or INVALID. */
    public static String baseName(int state) {
        int base = state & BASE;
        return base < BASE_NAMES.length ? BASE_NAMES[base] : "INVALID";
    }

    /** The flag names in Slurm's fixed order. */
    public static List<String> flagNames(int state) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FLAG_ORDER.length; i++) {
            if ((state & FLAG_ORDER[i]) != 0) {
                names.add(FLAG_NAMES[i]);
            }
        }
        return names;
    }

    /** scontrol's {@code State=}: base plus {@code +FLAG} in the fixed order, e.g. {@code IDLE+CLOUD+POWERED_DOWN}. */
    public static String complete(int state) {
        StringBuilder sb = new StringBuilder(baseName(state));
        for (String flag : flagNames(state)) {
            sb.append('+').append(flag);
        }
        return sb.toString();
    }

    /** sinfo's {@code %T} in lower case (node_state_string), e.g. {@code idle~}. */
    public static String sinfoLong(int state) {
        return longName(state).toLowerCase(Locale.ROOT);
    }

    /** sinfo's {@code %t} in lower case (node_state_string_compact), e.g. {@code down~}. */
    public static String sinfoCompact(int state) {
        return compactName(state).toLowerCase(Locale.ROOT);
    }

    /** node_state_string of 22.05 (upper case). */
    public static String longName(int inx) {
        return render(inx, LONG);
    }

    /** node_state_string_compact of 22.05 (upper case). */
    public static String compactName(int inx) {
        return render(inx, COMPACT);
    }

    /** Words of one display style. */
    private record Words(String inval, String maint, String reboot, String draining, String drained,
                         String failing, String fail, String down, String allocated, String completing,
                         String idle, String mixed, String future, String resume, String unknown,
                         String net, String res, String planned, String rebootIssued, String rebootCancel,
                         String cloud, String powerDown, String powerUp, String poweringDown, String poweredDown,
                         String poweringUp) {
    }

    private static final Words LONG = new Words("INVAL", "MAINT", "REBOOT", "DRAINING", "DRAINED", "FAILING",
            "FAIL", "DOWN", "ALLOCATED", "COMPLETING", "IDLE", "MIXED", "FUTURE", "RESUME", "UNKNOWN",
            "PERFCTRS", "RESERVED", "PLANNED", "REBOOT_ISSUED", "CANCEL_REBOOT", "CLOUD", "POWER_DOWN",
            "POWER_UP", "POWERING_DOWN", "POWERED_DOWN", "POWERING_UP");
    private static final Words COMPACT = new Words("INVAL", "MAINT", "BOOT", "DRNG", "DRAIN", "FAILG", "FAIL",
            "DOWN", "ALLOC", "COMP", "IDLE", "MIX", "FUTR", "RESM", "UNK", "NPC", "RESV", "PLND", "BOOT^",
            "CANC_R", "CLOUD", "POW_DN", "POW_UP", "POWRING_DN", "POWERED_DN", "POWERING_UP");

    /** The one suffix by precedence: $ ^ @ # % ~ ! and then * (NOT_RESPONDING). */
    private static String suffix(int inx) {
        if ((inx & MAINT) != 0) {
            return "$";
        }
        if ((inx & REBOOT_ISSUED) != 0) {
            return "^";
        }
        if ((inx & REBOOT_REQUESTED) != 0) {
            return "@";
        }
        if ((inx & POWERING_UP) != 0) {
            return "#";
        }
        if ((inx & POWERING_DOWN) != 0) {
            return "%";
        }
        if ((inx & POWERED_DOWN) != 0) {
            return "~";
        }
        if ((inx & POWER_DOWN) != 0) {
            return "!";
        }
        if ((inx & NO_RESPOND) != 0) {
            return "*";
        }
        return "";
    }

    private static String render(int inx, Words w) {
        int base = inx & BASE;
        boolean comp = (inx & COMPLETING) != 0;
        boolean drain = (inx & DRAIN) != 0;
        boolean fail = (inx & FAIL) != 0;
        boolean maint = (inx & MAINT) != 0;
        boolean reboot = (inx & REBOOT_REQUESTED) != 0;
        boolean rebootIssued = (inx & REBOOT_ISSUED) != 0;
        boolean noResp = (inx & NO_RESPOND) != 0;
        boolean busy = base == ALLOCATED || base == MIXED;

        if ((inx & INVALID_REG) != 0) {
            return w.inval;
        }
        if (maint && !(drain || busy || base == DOWN)) {
            return noResp ? w.maint + "*" : w.maint;
        }
        if ((reboot || rebootIssued) && !busy) {
            if (rebootIssued) {
                return w.reboot + "^";
            }
            return noResp ? w.reboot + "*" : w.reboot;
        }
        if (drain) {
            return (comp || busy ? w.draining : w.drained) + suffix(inx);
        }
        if (fail) {
            String word = comp || base == ALLOCATED ? w.failing : w.fail;
            return noResp ? word + "*" : word;
        }
        if (inx == REBOOT_ISSUED) {
            return w.rebootIssued;
        }
        if (inx == REBOOT_CANCEL) {
            return w.rebootCancel;
        }
        if (inx == CLOUD) {
            return w.cloud;
        }
        if (inx == POWER_DOWN) {
            return w.powerDown;
        }
        if (inx == POWER_UP) {
            return w.powerUp;
        }
        if (inx == POWERING_DOWN) {
            return w.poweringDown;
        }
        if (inx == POWERED_DOWN) {
            return w.poweredDown;
        }
        if (inx == POWERING_UP) {
            return w.poweringUp;
        }
        switch (base) {
            case DOWN:
                return w.down + suffix(inx);
            case ALLOCATED: {
                String s = suffix(inx);
                if (s.isEmpty() && comp) {
                    s = "+";
                }
                return w.allocated + s;
            }
            default:
                break;
        }
        if (comp) {
            return w.completing + suffix(inx);
        }
        if (base == IDLE) {
            String s = suffix(inx);
            if (!s.isEmpty()) {
                return w.idle + s;
            }
            if ((inx & NET) != 0) {
                return w.net;
            }
            if ((inx & RES) != 0) {
                return w.res;
            }
            if ((inx & PLANNED) != 0) {
                return w.planned;
            }
            return w.idle;
        }
        if (base == MIXED) {
            String s = suffix(inx);
            if (s.isEmpty() && (inx & PLANNED) != 0) {
                s = "-";
            }
            return w.mixed + s;
        }
        if (base == FUTURE) {
            return w.future + suffix(inx);
        }
        if ((inx & RESUME) != 0) {
            return w.resume;
        }
        if (base == UNKNOWN) {
            return noResp ? w.unknown + "*" : w.unknown;
        }
        return "?";
    }
}
