package org.elasticslurm.conf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One {@code PartitionName=} line, after {@code PartitionName=DEFAULT} values.
 *
 * <p>slurmctld 22.05 reads a partition's SuspendTime only from its own line (a DEFAULT one is ignored, with a
 * warning); SuspendTimeout and ResumeTimeout also come from PartitionName=DEFAULT.
 *
 * @param name partition name
 * @param nodes member node names, expanded, without duplicates, in node definition order ({@code ALL} is every
 *              node of the file, NodeSet names are replaced by their nodes)
 * @param isDefault Default=YES (when several partitions say so, the last one)
 * @param state State (UP, DOWN, DRAIN, INACTIVE; default UP), upper case
 * @param maxTime MaxTime as written (default UNLIMITED)
 * @param suspendTime partition SuspendTime: empty if not set; {@link TimeoutValue#infinite()} for INFINITE or -1
 *                    (NONE reads as 0 seconds in 22.05, with a warning)
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
