package org.elasticslurm.conf.scontrol;

import java.util.Optional;
import org.elasticslurm.conf.state.NodeState;

/**
 * One node of {@code scontrol show node} output.
 *
 * @param record all its values
 */
public record ShownNode(ScontrolRecord record) {

    /** NodeName. */
    public String name() {
        return record.require("NodeName");
    }

    /** {@code State=} as printed, e.g. {@code IDLE+CLOUD+POWERED_DOWN}. */
    public String stateText() {
        return record.require("State");
    }

    /**
     * {@code State=} read into the vocabulary.
     *
     * @throws IllegalArgumentException naming the node and the word 22.05 does not have
     */
    public NodeState state() {
        try {
            return NodeState.parse(stateText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + name() + " shows State=" + stateText() + ": "
                    + e.getMessage(), e);
        }
    }

    /** NodeAddr, if printed. */
    public Optional<String> address() {
        return record.value("NodeAddr");
    }

    /** {@code Reason=} as printed (with its {@code [user@time]}), if any. */
    public Optional<String> reason() {
        return record.value("Reason");
    }
}
