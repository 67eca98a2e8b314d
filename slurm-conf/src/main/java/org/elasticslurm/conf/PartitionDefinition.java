package org.elasticslurm.conf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One {@code PartitionName=} line, after {@code PartitionName=DEFAULT} values.
 *
 * @param name partition name
 * @param nodes member node names, expanded, in order ({@code ALL} expanded to every node)
 * @param isDefault Default=YES
 * @param state State (UP, DOWN, DRAIN, INACTIVE; default UP)
 * @param maxTime MaxTime as written (default UNLIMITED)
 * @param suspendTime partition SuspendTime: empty if not set; {@link TimeoutValue#infinite()} for INFINITE
 * @param suspendTimeout partition SuspendTimeout, if set
 * @param resumeTimeout partition ResumeTimeout, if set
 * @param location the line that defined it
 */
public record PartitionDefinition(
        String name,
        List<String> nodes,
        boolean isDefault,
        String state,
        String maxTime,
        Optional<TimeoutValue> suspendTime,
        Optional<Duration> suspendTimeout,
        Optional<Duration> resumeTimeout,
        SourceLocation location) {

    public PartitionDefinition {
        nodes = List.copyOf(nodes);
    }
}
