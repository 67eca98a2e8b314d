package org.elasticslurm.scenarios.target.realslurm;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.conf.state.NodeBase;
import org.elasticslurm.conf.state.NodeFlag;
import org.elasticslurm.conf.state.NodeState;

/**
 * What slurmctld's {@code Node NODE now responding} line (written by 22.05, 24.11 and 26.05 at level info, and by
 * fake-slurmctld) says about the node's state at the line's time. The controller writes it when it accepts the
 * registration of a node that was not responding, powering up or down, or powered down, and clears those four flags
 * holding the same lock. For a node that was powering up with base IDLE, ALLOCATED or MIXED (and not in
 * maintenance) nothing else of its state changes in that registration, so the state after the line is exactly the
 * state before it without those flags: on 22.05 the ALLOCATED+CLOUD of a node whose short job then runs and ends
 * between two {@code scontrol show node} samples. Not derived: a DOWN node (its base may change at once, "returned
 * to service"), and a registration refused as invalid ({@code error: Setting node NODE state to INVAL ...}, logged
 * by the same registration).
 */
final class NowResponding {

    private static final Pattern LINE = Pattern.compile("^Node (\\S+) now responding$");
    private static final Pattern INVALID = Pattern.compile("^error: Setting node (\\S+) state to INVAL\\b");
    private static final Set<NodeFlag> CLEARED = EnumSet.of(NodeFlag.NOT_RESPONDING, NodeFlag.POWERING_UP,
            NodeFlag.POWERED_DOWN, NodeFlag.POWERING_DOWN);
    private static final Set<NodeBase> UNCHANGED_BASES = EnumSet.of(NodeBase.IDLE, NodeBase.ALLOCATED, NodeBase.MIXED);

    private NowResponding() {
    }

    /** The node a log line (without its time prefix) says is now responding, if it is that line. */
    static Optional<String> node(String text) {
        Matcher m = LINE.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The node a log line (without its time prefix) says registered with invalid specs, if it is that line. */
    static Optional<String> invalidNode(String text) {
        Matcher m = INVALID.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The node's state right after the line, given its state right before; empty when the line does not determine it
     * (the node was not powering up, or its base may change in the same registration).
     */
    static Optional<NodeState> after(NodeState before) {
        if (!before.has(NodeFlag.POWERING_UP) || !UNCHANGED_BASES.contains(before.base())
                || before.has(NodeFlag.MAINTENANCE)) {
            return Optional.empty();
        }
        Set<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        flags.addAll(before.flags());
        flags.removeAll(CLEARED);
        return Optional.of(new NodeState(before.base(), flags));
    }
}
