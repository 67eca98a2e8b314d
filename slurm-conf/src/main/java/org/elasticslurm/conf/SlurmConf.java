package org.elasticslurm.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * A parsed slurm.conf: immutable.
 *
 * @param source the main file
 * @param parameters every plain {@code Key=Value} as read, keyed by the key in lower case; the last one wins,
 *                   except SlurmctldHost, which holds the first (primary) controller
 * @param parameterLocations where each of {@code parameters} is written (an included file's own line for a key
 *                           set there), keyed alike
 * @param files the files read: the main one, then each included one in the order it was read
 * @param nodes the nodes, in order of definition
 * @param partitions the partitions, in order of definition
 * @param powerSave power-save settings with defaults applied
 * @param warnings ignored or corrected values, with their lines
 */
public record SlurmConf(
        Path source,
        Map<String, String> parameters,
        Map<String, SourceLocation> parameterLocations,
        List<Path> files,
        List<NodeDefinition> nodes,
        List<PartitionDefinition> partitions,
        PowerSaveSettings powerSave,
        List<ConfWarning> warnings) {

    public SlurmConf {
        parameters = Map.copyOf(parameters);
        parameterLocations = Map.copyOf(parameterLocations);
        files = List.copyOf(files);
        nodes = List.copyOf(nodes);
        partitions = List.copyOf(partitions);
        warnings = List.copyOf(warnings);
    }

    /** A plain parameter by its key, case-insensitively. */
    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Where a plain parameter is written (file and line), case-insensitively; empty when it is not set. */
    public Optional<SourceLocation> parameterLocation(String key) {
        return Optional.ofNullable(parameterLocations.get(key.toLowerCase(Locale.ROOT)));
    }

    /** A node by name. */
    public Optional<NodeDefinition> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** A partition by name. */
    public Optional<PartitionDefinition> partition(String name) {
        return partitions.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The nodes declared {@code State=CLOUD}. */
    public List<NodeDefinition> cloudNodes() {
        return nodes.stream().filter(NodeDefinition::isCloud).toList();
    }

    /** The partitions a node belongs to, in order of definition. */
    public List<PartitionDefinition> partitionsOf(String node) {
        return partitions.stream().filter(p -> p.nodes().contains(node)).toList();
    }

    /**
     * The effective power-save timeouts of a node, as slurmctld 22.05's {@code power_save_set_timeouts} computes
     * them: for each of SuspendTime, SuspendTimeout and ResumeTimeout, the maximum over the node's partitions
     * that set it (INFINITE is above every number), else the global value.
     *
     * @throws IllegalArgumentException when no NodeName line defines the node
     */
    public NodeTimeouts timeoutsFor(String node) {
        if (node(node).isEmpty()) {
            throw new IllegalArgumentException("no node " + node + " in " + source);
        }
        Optional<TimeoutValue> suspendTime = Optional.empty();
        Optional<Duration> suspendTimeout = Optional.empty();
        Optional<Duration> resumeTimeout = Optional.empty();
        for (PartitionDefinition p : partitionsOf(node)) {
            suspendTime = max(suspendTime, p.suspendTime(), TimeoutValue::max);
            suspendTimeout = max(suspendTimeout, p.suspendTimeout(), SlurmConf::longer);
            resumeTimeout = max(resumeTimeout, p.resumeTimeout(), SlurmConf::longer);
        }
        return new NodeTimeouts(suspendTime.orElse(powerSave.suspendTime()),
                suspendTimeout.orElse(powerSave.suspendTimeout()),
                resumeTimeout.orElse(powerSave.resumeTimeout()));
    }

    /**
     * Whether power saving is configured on at all: the global SuspendTime is finite or some partition sets a
     * finite one (the first of slurmctld's enable checks; see {@link HookProgramRules#verdict}).
     */
    public boolean suspendTimeSetAnywhere() {
        return !powerSave.suspendTime().isInfinite()
                || partitions.stream().anyMatch(p -> p.suspendTime().filter(t -> !t.isInfinite()).isPresent());
    }

    private static <T> Optional<T> max(Optional<T> current, Optional<T> candidate, BinaryOperator<T> max) {
        if (candidate.isEmpty()) {
            return current;
        }
        return Optional.of(current.map(c -> max.apply(c, candidate.get())).orElse(candidate.get()));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
