package org.elasticslurm.fake.job;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a client asks for: the subset of srun/sbatch that elastic setups use.
 *
 * @param kind srun or sbatch
 * @param name the job name (srun: the command's name; sbatch: the script's name or "wrap")
 * @param command the command line: srun's command, or sbatch's {@code --wrap} as {@code sh -c} words
 * @param script sbatch's script text, if any
 * @param nodeList {@code -w}: the nodes the job must get (a hostlist expression)
 * @param nodeCount {@code -N}: how many nodes (default: the size of {@code nodeList}, else 1)
 * @param partition {@code -p}: the partition (default: the default partition)
 * @param requeue {@code --requeue}/{@code --no-requeue} (default: JobRequeue, which is 1, for batch jobs)
 * @param workDir the working directory the command runs in
 */
public record JobRequest(JobKind kind, String name, List<String> command, Optional<String> script,
                         Optional<String> nodeList, OptionalInt nodeCount, Optional<String> partition,
                         Optional<Boolean> requeue, Optional<String> workDir) {

    public JobRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(nodeList, "nodeList");
        Objects.requireNonNull(nodeCount, "nodeCount");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(requeue, "requeue");
        Objects.requireNonNull(workDir, "workDir");
        if (nodeCount.isPresent() && nodeCount.getAsInt() < 1) {
            throw new IllegalArgumentException("node count must be at least 1: " + nodeCount.getAsInt());
        }
    }

    /** An srun of a command on named nodes ({@code srun -w NODES CMD...}). */
    public static JobRequest srun(String nodeList, List<String> command) {
        return new JobRequest(JobKind.INTERACTIVE, command.isEmpty() ? "srun" : baseName(command.get(0)),
                command, Optional.empty(), Optional.of(nodeList), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** An srun of a command on {@code nodes} nodes ({@code srun -N n CMD...}). */
    public static JobRequest srunCount(int nodes, List<String> command) {
        return new JobRequest(JobKind.INTERACTIVE, command.isEmpty() ? "srun" : baseName(command.get(0)),
                command, Optional.empty(), Optional.empty(), OptionalInt.of(nodes), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** An {@code sbatch --wrap=CMD} with optional {@code -w} and {@code -N}. */
    public static JobRequest sbatchWrap(String wrap, Optional<String> nodeList, OptionalInt nodeCount) {
        return new JobRequest(JobKind.BATCH, "wrap", List.of("/bin/sh", "-c", wrap), Optional.empty(), nodeList,
                nodeCount, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This request in another partition. */
    public JobRequest inPartition(String name) {
        return new JobRequest(kind, this.name, command, script, nodeList, nodeCount, Optional.of(name), requeue,
                workDir);
    }

    /** This request with an explicit requeue choice. */
    public JobRequest withRequeue(boolean value) {
        return new JobRequest(kind, name, command, script, nodeList, nodeCount, partition, Optional.of(value),
                workDir);
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
