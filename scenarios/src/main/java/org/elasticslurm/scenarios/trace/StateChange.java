package org.elasticslurm.scenarios.trace;

import java.time.Duration;
import java.util.Objects;
import org.elasticslurm.conf.state.NodeState;

/**
 * A node was seen in a new state at a scenario time.
 *
 * @param at when it was first seen in the state
 * @param node the node
 * @param state the state
 * @param since the earliest moment it may have entered the state: {@code at} when the target observes every change
 *              as it happens, else the moment of the last observation that did not show it yet (a sampled target
 *              sees a change only at its next sample)
 */
public record StateChange(Duration at, String node, NodeState state, Duration since) {

    public StateChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(since, "since");
        if (since.compareTo(at) > 0) {
            throw new IllegalArgumentException("a state change seen at " + at + " cannot have begun at " + since);
        }
    }

    /** A change observed as it happened ({@code since} = {@code at}). */
    public StateChange(Duration at, String node, NodeState state) {
        this(at, node, state, at);
    }
}
