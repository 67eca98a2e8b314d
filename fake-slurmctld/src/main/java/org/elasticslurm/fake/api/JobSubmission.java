package org.elasticslurm.fake.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code srun} or {@code sbatch} asks for.
 *
 * @param name JobName
 * @param command the command (sbatch {@code --wrap}: {@code /bin/sh -c WRAP})
 * @param nodeList {@code -w/--nodelist}
 * @param nodeCount {@code -N/--nodes}
 * @param partition {@code -p/--partition}
 */
public record JobSubmission(String name, List<String> command, Optional<String> nodeList, OptionalInt nodeCount,
                            Optional<String> partition) {

    public JobSubmission {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(nodeList, "nodeList");
        Objects.requireNonNull(nodeCount, "nodeCount");
        Objects.requireNonNull(partition, "partition");
    }
}
