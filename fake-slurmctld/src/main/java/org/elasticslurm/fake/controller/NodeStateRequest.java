package org.elasticslurm.fake.controller;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code State=} values of {@code scontrol update nodename=... state=...}, with the state word scontrol
 * sends and the minimum abbreviation it accepts.
 */
public enum NodeStateRequest {
    /** NoResp. */
    NO_RESP("NoResp", 3, NodeState.NO_RESPOND),
    /** CANCEL_REBOOT. */
    CANCEL_REBOOT("CANCEL_REBOOT", 3, NodeState.REBOOT_CANCEL),
    /** DRAIN (needs a reason). */
    DRAIN("DRAIN", 3, NodeState.DRAIN),
    /** FAIL (needs a reason). */
    FAIL("FAIL", 3, NodeState.FAIL),
    /** FUTURE. */
    FUTURE("FUTURE", 3, NodeState.FUTURE),
    /** RESUME. */
    RESUME("RESUME", 3, NodeState.RESUME),
    /** POWER_DOWN_ASAP: POWER_DOWN plus DRAIN. */
    POWER_DOWN_ASAP("POWER_DOWN_ASAP", 12, NodeState.POWER_DOWN | NodeState.POWER_DRAIN),
    /** POWER_DOWN_FORCE: POWER_DOWN after killing or requeueing the node's jobs. */
    POWER_DOWN_FORCE("POWER_DOWN_FORCE", 12, NodeState.POWER_DOWN | NodeState.POWERED_DOWN),
    /** POWER_DOWN. */
    POWER_DOWN("POWER_DOWN", 7, NodeState.POWER_DOWN),
    /** POWER_UP. */
    POWER_UP("POWER_UP", 7, NodeState.POWER_UP),
    /** UNDRAIN. */
    UNDRAIN("UNDRAIN", 3, NodeState.UNDRAIN),
    /** A base state name: UNKNOWN. */
    UNKNOWN("UNKNOWN", 3, NodeState.UNKNOWN),
    /** DOWN (needs a reason). */
    DOWN("DOWN", 3, NodeState.DOWN),
    /** IDLE. */
    IDLE("IDLE", 3, NodeState.IDLE),
    /** ALLOCATED. */
    ALLOCATED("ALLOCATED", 3, NodeState.ALLOCATED),
    /** ERROR. */
    ERROR("ERROR", 3, NodeState.ERROR),
    /** MIXED. */
    MIXED("MIXED", 3, NodeState.MIXED);

    private final String keyword;
    private final int minLength;
    private final int stateWord;

    NodeStateRequest(String keyword, int minLength, int stateWord) {
        this.keyword = keyword;
        this.minLength = minLength;
        this.stateWord = stateWord;
    }

    /** The state word sent to slurmctld. */
    int stateWord() {
        return stateWord;
    }

    /** The keyword as scontrol spells it. */
    public String keyword() {
        return keyword;
    }

    /**
     * Parses a value as scontrol 22.05 does: case-insensitive, abbreviations down to the keyword's minimum
     * length, keywords tried in scontrol's order (so {@code POWER_DOWN_A} is ASAP and {@code POWER_D} is
     * POWER_DOWN); the base states (after FUTURE) last.
     */
    public static Optional<NodeStateRequest> parse(String value) {
        String v = value.toUpperCase(Locale.ROOT);
        for (NodeStateRequest r : values()) {
            if (v.length() >= r.minLength && r.keyword.toUpperCase(Locale.ROOT).startsWith(v)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
