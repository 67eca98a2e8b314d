package org.elasticslurm.conf.state;

import java.util.List;

/**
 * The words of one sinfo form and 22.05's choice among them ({@code node_state_string} for {@code %T},
 * {@code node_state_string_compact} for {@code %t}, slurm_protocol_defs.c): {@code inval} for INVALID_REG, else a
 * word plus at most one suffix by the precedence {@code $ ^ @ # % ~ !} and then {@code *}.
 */
enum SinfoWords {
    LONG("inval maint reboot draining drained failing fail down allocated completing idle mixed future resume unknown "
            + "perfctrs reserved planned cloud power_down power_up powering_down powered_down powering_up"),
    COMPACT("inval maint boot drng drain failg fail down alloc comp idle mix futr resm unk npc resv plnd cloud pow_dn "
            + "pow_up powring_dn powered_dn powering_up");

    /** The suffixes sinfo appends, by precedence; {@code +} and {@code -} mark ALLOCATED+COMPLETING, MIXED+PLANNED. */
    static final String SUFFIXES = "$^@#%~!*+-";

    /** What each word of a form stands for, in the order the forms list them. */
    private enum Word {
        INVAL, MAINT, REBOOT, DRAINING, DRAINED, FAILING, FAIL, DOWN, ALLOCATED, COMPLETING, IDLE, MIXED, FUTURE,
        RESUME, UNKNOWN, NET, RES, PLANNED, CLOUD, POWER_DOWN, POWER_UP, POWERING_DOWN, POWERED_DOWN, POWERING_UP
    }

    private final List<String> words;

    SinfoWords(String words) {
        this.words = List.of(words.split(" "));
    }

    private String word(Word w) {
        return words.get(w.ordinal());
    }

    /** Every word of this form, the common ones first. */
    List<String> words() {
        List<Word> order = List.of(Word.IDLE, Word.ALLOCATED, Word.MIXED, Word.COMPLETING, Word.DOWN, Word.DRAINED,
                Word.DRAINING, Word.FAIL, Word.FAILING, Word.FUTURE, Word.UNKNOWN, Word.INVAL, Word.MAINT, Word.REBOOT,
                Word.RESUME, Word.NET, Word.RES, Word.PLANNED, Word.CLOUD, Word.POWER_DOWN, Word.POWER_UP,
                Word.POWERING_DOWN, Word.POWERED_DOWN, Word.POWERING_UP);
        return order.stream().map(this::word).toList();
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
            return word(Word.INVAL);
        }
        if (s.has(NodeFlag.MAINTENANCE) && !(s.has(NodeFlag.DRAIN) || busy || base == NodeBase.DOWN)) {
            return noResp ? word(Word.MAINT) + "*" : word(Word.MAINT);
        }
        if ((reboot || rebootIssued) && !busy) {
            if (rebootIssued) {
                return word(Word.REBOOT) + "^";
            }
            return noResp ? word(Word.REBOOT) + "*" : word(Word.REBOOT);
        }
        if (s.has(NodeFlag.DRAIN)) {
            return (comp || busy ? word(Word.DRAINING) : word(Word.DRAINED)) + suffix(s);
        }
        if (s.has(NodeFlag.FAIL)) {
            String failWord = comp || base == NodeBase.ALLOCATED ? word(Word.FAILING) : word(Word.FAIL);
            return noResp ? failWord + "*" : failWord;
        }
        String alone = aloneFlag(s);
        if (alone != null) {
            return alone;
        }
        switch (base) {
            case DOWN:
                return word(Word.DOWN) + suffix(s);
            case ALLOCATED: {
                String suffix = suffix(s);
                return word(Word.ALLOCATED) + (suffix.isEmpty() && comp ? "+" : suffix);
            }
            default:
                break;
        }
        if (comp) {
            return word(Word.COMPLETING) + suffix(s);
        }
        switch (base) {
            case IDLE:
                return idle(s);
            case MIXED: {
                String suffix = suffix(s);
                return word(Word.MIXED) + (suffix.isEmpty() && s.has(NodeFlag.PLANNED) ? "-" : suffix);
            }
            case FUTURE:
                return word(Word.FUTURE) + suffix(s);
            default:
                break;
        }
        if (s.has(NodeFlag.RESUME)) {
            return word(Word.RESUME);
        }
        if (base == NodeBase.UNKNOWN) {
            return noResp ? word(Word.UNKNOWN) + "*" : word(Word.UNKNOWN);
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
            case CLOUD -> word(Word.CLOUD);
            case POWER_DOWN -> word(Word.POWER_DOWN);
            case POWER_UP -> word(Word.POWER_UP);
            case POWERING_DOWN -> word(Word.POWERING_DOWN);
            case POWERED_DOWN -> word(Word.POWERED_DOWN);
            case POWERING_UP -> word(Word.POWERING_UP);
            default -> null;
        };
    }

    private String idle(NodeState s) {
        String suffix = suffix(s);
        if (!suffix.isEmpty()) {
            return word(Word.IDLE) + suffix;
        }
        if (s.has(NodeFlag.PERFCTRS)) {
            return word(Word.NET);
        }
        if (s.has(NodeFlag.RESERVED)) {
            return word(Word.RES);
        }
        if (s.has(NodeFlag.PLANNED)) {
            return word(Word.PLANNED);
        }
        return word(Word.IDLE);
    }

    /** The form a sinfo word belongs to, compact first (a word both forms have means the same states). */
    static SinfoWords formOf(String word) {
        return COMPACT.words().contains(word) ? COMPACT : LONG.words().contains(word) ? LONG : null;
    }
}
