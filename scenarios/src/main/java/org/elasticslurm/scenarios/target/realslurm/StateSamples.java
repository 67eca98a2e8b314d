package org.elasticslurm.scenarios.target.realslurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * Node states from overlapping samples ({@code scontrol show node}), each recorded at the moment it began, with the
 * previous sample's start as the earliest moment the change may have happened ({@link StateChange#since()}). Two
 * samples can overlap (the sampler's and a submit's, each a process that may take a JVM start): a sample that
 * began before the last one taken says less and is dropped, and then the later one stands for it, so the moment a
 * sample is known to hold is that later one's start.
 */
final class StateSamples {
    private final List<StateChange> changes = new ArrayList<>();
    private final Map<String, NodeState> last = new HashMap<>();
    private final Map<String, Duration> lastAt = new HashMap<>();

    /**
     * Takes a sample that began at {@code at}.
     *
     * @return the earliest moment from which the recorded states hold what this sample saw, or something newer:
     *     {@code at}, or the start of a later sample taken before it
     */
    synchronized Duration take(Duration at, Map<String, NodeState> states) {
        Duration holds = at;
        for (Map.Entry<String, NodeState> e : states.entrySet()) {
            String node = e.getKey();
            Duration newest = lastAt.getOrDefault(node, Duration.ZERO);
            if (at.compareTo(newest) < 0) {
                holds = holds.compareTo(newest) < 0 ? newest : holds;
                continue;
            }
            Duration previous = lastAt.put(node, at);
            if (!e.getValue().equals(last.put(node, e.getValue()))) {
                // seen at this sample's start; it may have begun any time after the previous sample's start
                changes.add(new StateChange(at, node, e.getValue(), previous == null ? at : previous));
            }
        }
        return holds;
    }

    /** The changes recorded so far, in the order taken. */
    synchronized List<StateChange> changes() {
        return List.copyOf(changes);
    }
}
