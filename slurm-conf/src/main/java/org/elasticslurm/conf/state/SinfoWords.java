package org.elasticslurm.conf.state;

import java.util.List;

/**
 * The words of one sinfo form and 22.05's choice among them ({@code node_state_string} for {@code %T},
 * {@code node_state_string_compact} for {@code %t}, slurm_protocol_defs.c): {@code inval} for INVALID_REG, else a
 * word plus at most one suffix by the precedence {@code $ ^ @ # % ~ !} and then {@code *}.
 */
enum SinfoWords {
    LONG("inval", "maint", "reboot", "draining", "drained", "failing", "fail", "down", "allocated", "completing",
            "idle", "mixed", "future", "resume", "unknown", "perfctrs", "reserved", "planned", "cloud", "power_down",
            "power_up", "powering_down", "powered_down", "powering_up"),
    COMPACT("inval", "maint", "boot", "drng", "drain", "failg", "fail", "down", "alloc", "comp", "idle", "mix",
            "futr", "resm", "unk", "npc", "resv", "plnd", "cloud", "pow_dn", "pow_up", "powring_dn", "powered_dn",
            "powering_up");

    /** The suffixes sinfo appends, by precedence; {@code +} and {@code -} mark ALLOCATED+COMPLETING, MIXED+PLANNED. */
    static final String SUFFIXES = "$^@#%~!*+-";

    private final String inval;
    private final String maint;
    private final String reboot;
    private final String draining;
    private final String drained;
    private final String failing;
    private final String fail;
    private final String down;
    private final String allocated;
    private final String completing;
    private final String idle;
    private final String mixed;
    private final String future;
    private final String resume;
    private final String unknown;
    private final String net;
    private final String res;
    private final String planned;
    private final String cloud;
    private final String powerDown;
    private final String powerUp;
    private final String poweringDown;
    private final String poweredDown;
    private final String poweringUp;

    SinfoWords(String inval, String maint, String reboot, String draining, String drained, String failing,
               String fail, String down, String allocated, String completing, String idle, String mixed,
               String future, String resume, String unknown, String net, String res, String planned, String cloud,
               String powerDown, String powerUp, String poweringDown, String poweredDown, String poweringUp) {
        this.inval = inval;
        this.maint = maint;
        this.reboot = reboot;
        this.draining = draining;
        this.drained = drained;
        this.failing = failing;
        this.fail = fail;
        this.down = down;
        this.allocated = allocated;
        this.completing = completing;
        this.idle = idle;
        this.mixed = mixed;
        this.future = future;
        this.resume = resume;
        this.unknown = unknown;
        this.net = net;
        this.res = res;
        this.planned = planned;
        this.cloud = cloud;
        this.powerDown = powerDown;
        this.powerUp = powerUp;
        this.poweringDown = poweringDown;
        this.poweredDown = poweredDown;
        this.poweringUp = poweringUp;
    }

    /** Every word of this form, the common ones first. */
    List<String> words() {
        return List.of(idle, allocated, mixed, completing, down, drained, draining, fail, failing, future, unknown,
                inval, maint, reboot, resume, net, res, planned, cloud, powerDown, powerUp, poweringDown, poweredDown,
                poweringUp);
    }

    /** The one suffix by precedence: $ ^ @ # % ~ ! and then * (NOT_RESPONDING). */
    static String suffix(NodeState s) {
        if (s.has(NodeFlag.MAINTENANCE)) {
            return "$";
        }
        if (s.has(NodeFlag.REBOOT_ISSUED)) {
            return "^";
        }
        if (s.has(NodeFlag.REBOOT_REQUESTED)) {
            return "@";
        }
        if (s.has(NodeFlag.POWERING_UP)) {
            return "#";
        }
        if (s.has(NodeFlag.POWERING_DOWN)) {
            return "%";
        }
        if (s.has(NodeFlag.POWERED_DOWN)) {
            return "~";
        }
        if (s.has(NodeFlag.POWER_DOWN)) {
            return "!";
        }
        if (s.has(NodeFlag.NOT_RESPONDING)) {
            return "*";
        }
        return "";
    }

    String render(NodeState s) {
        NodeBase base = s.base();
        boolean comp = s.has(NodeFlag.COMPLETING);
        boolean noResp = s.has(NodeFlag.NOT_RESPONDING);
        boolean busy = base == NodeBase.ALLOCATED || base == NodeBase.MIXED;
        boolean reboot = s.has(NodeFlag.REBOOT_REQUESTED);
        boolean rebootIssued = s.has(NodeFlag.REBOOT_ISSUED);

        if (s.has(NodeFlag.INVALID_REG)) {
            return inval;
        }
        if (s.has(NodeFlag.MAINTENANCE) && !(s.has(NodeFlag.DRAIN) || busy || base == NodeBase.DOWN)) {
            return noResp ? maint + "*" : maint;
        }
        if ((reboot || rebootIssued) && !busy) {
            if (rebootIssued) {
                return this.reboot + "^";
            }
            return noResp ? this.reboot + "*" : this.reboot;
        }
        if (s.has(NodeFlag.DRAIN)) {
            return (comp || busy ? draining : drained) + suffix(s);
        }
        if (s.has(NodeFlag.FAIL)) {
            String word = comp || base == NodeBase.ALLOCATED ? failing : fail;
            return noResp ? word + "*" : word;
        }
        String alone = aloneFlag(s);
        if (alone != null) {
            return alone;
        }
        switch (base) {
            case DOWN:
                return down + suffix(s);
            case ALLOCATED: {
                String suffix = suffix(s);
                return allocated + (suffix.isEmpty() && comp ? "+" : suffix);
            }
            default:
                break;
        }
        if (comp) {
            return completing + suffix(s);
        }
        switch (base) {
            case IDLE:
                return idle(s);
            case MIXED: {
                String suffix = suffix(s);
                return mixed + (suffix.isEmpty() && s.has(NodeFlag.PLANNED) ? "-" : suffix);
            }
            case FUTURE:
                return future + suffix(s);
            default:
                break;
        }
        if (s.has(NodeFlag.RESUME)) {
            return resume;
        }
        if (base == NodeBase.UNKNOWN) {
            return noResp ? unknown + "*" : unknown;
        }
        return "?";
    }

    /** A state word that is exactly one power or cloud flag (base UNKNOWN) has that flag's own word. */
    private String aloneFlag(NodeState s) {
        if (s.base() != NodeBase.UNKNOWN || s.flags().size() != 1) {
            return null;
        }
        NodeFlag only = s.flags().iterator().next();
        return switch (only) {
            case CLOUD -> cloud;
            case POWER_DOWN -> powerDown;
            case POWER_UP -> powerUp;
            case POWERING_DOWN -> poweringDown;
            case POWERED_DOWN -> poweredDown;
            case POWERING_UP -> poweringUp;
            default -> null;
        };
    }

    private String idle(NodeState s) {
        String suffix = suffix(s);
        if (!suffix.isEmpty()) {
            return idle + suffix;
        }
        if (s.has(NodeFlag.PERFCTRS)) {
            return net;
        }
        if (s.has(NodeFlag.RESERVED)) {
            return res;
        }
        if (s.has(NodeFlag.PLANNED)) {
            return planned;
        }
        return idle;
    }

    /** The form a sinfo word belongs to, compact first (a word both forms have means the same states). */
    static SinfoWords formOf(String word) {
        return COMPACT.words().contains(word) ? COMPACT : LONG.words().contains(word) ? LONG : null;
    }
}
