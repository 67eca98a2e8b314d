package org.elasticslurm.scenarios.trace;

import java.time.Duration;
import org.elasticslurm.conf.state.NodeState;

/** A node was seen in a new state at a scenario time. */
public record StateChange(Duration at, String node, NodeState state) {
}
