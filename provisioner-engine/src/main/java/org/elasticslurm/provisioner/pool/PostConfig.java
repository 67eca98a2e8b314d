package org.elasticslurm.provisioner.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pool's post-configuration: a command run once a machine has its address, before Slurm is told about it.
 *
 * @param command argument vector, the first element an absolute path; {@code {node}}, {@code {address}},
 *                {@code {pool}} and {@code {operation}} are replaced in every element; empty = none
 * @param timeout how long the command may run before it is killed (with its process group) and the node fails
 */
public record PostConfig(Optional<List<String>> command, Duration timeout) {
    public PostConfig {
        command = command.map(List::copyOf);
    }
}
