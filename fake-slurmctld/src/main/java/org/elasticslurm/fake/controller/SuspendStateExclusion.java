package org.elasticslurm.fake.controller;

import java.util.BitSet;
import java.util.Optional;
import org.elasticslurm.conf.SuspendExcStates;

/**
 * SuspendExcStates (Slurm 24.11 and 26.05; a 22.05 configuration with the key does not load): idle nodes in one of
 * the listed states are not suspended for idleness ({@code _node_state_should_suspend}); a POWER_DOWN request still
 * suspends them. Read by slurm-conf's {@link SuspendExcStates} when power saving starts, logging what both versions
 * log then: {@code error: Invalid SuspendExcState bogus} per state not taken and, with DebugFlags=Power,
 * {@code POWER: suspend_exc_down=1 suspend_exc_state_flags=UNKNOWN+DRAIN}. Measured in the differential scenarios
 * suspend-exc-states (DOWN and DRAIN nodes stay up) and suspend-exc-states-absent (all are suspended).
 */
final class SuspendStateExclusion {

    /** The key absent: no node is kept for its state. */
    static final SuspendStateExclusion NONE = new SuspendStateExclusion(SuspendExcStates.NONE);

    private final SuspendExcStates states;
    private final int flagBits;

    private SuspendStateExclusion(SuspendExcStates states) {
        this.states = states;
        this.flagBits = states.flagBits();
    }

    /**
     * Reads the key's value, if written and power saving runs (the daemon reads it as its power-save thread
     * starts); logs the daemon's lines.
     */
    static SuspendStateExclusion read(PowerSaveConfig config, ControllerLog log) {
        Optional<String> value = config.excStates();
        if (!config.enabled() || value.isEmpty()) {
            return NONE;
        }
        SuspendExcStates states = SuspendExcStates.read(value.get());
        states.invalid().forEach(s -> log.error(String.format(SuspendExcStates.INVALID, s)));
        SuspendStateExclusion exclusion = new SuspendStateExclusion(states);
        log.power(() -> "suspend_exc_down=" + (states.down() ? 1 : 0) + " suspend_exc_state_flags="
                + NodeState.complete(exclusion.flagBits));
        return exclusion;
    }

    /** Whether {@code node} is not to be suspended for idleness in its present state. */
    boolean keeps(NodeRecord node) {
        return states.down() && node.isDown() || (node.state() & flagBits) != 0;
    }

    /** Adds the nodes kept for their state to {@code avoid}. */
    void addKept(NodeTable nodes, BitSet avoid) {
        if (this == NONE) {
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (keeps(nodes.get(i))) {
                avoid.set(i);
            }
        }
    }
}
