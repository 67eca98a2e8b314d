package org.elasticslurm.conf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed slurm.conf: immutable.
 *
 * @param source the main file
 * @param parameters every plain {@code Key=Value} as written, keyed by the key in lower case (last one wins)
 * @param nodes the nodes, in order of definition
 * @param partitions the partitions, in order of definition
 * @param powerSave power-save settings with defaults applied
 * @param warnings unknown keys and ignored values, with their lines
 */
public record SlurmConf(
        Path source,
        Map<String, String> parameters,
        List<NodeDefinition> nodes,
        List<PartitionDefinition> partitions,
        PowerSaveSettings powerSave,
        List<ConfWarning> warnings) {

    public SlurmConf {
        parameters = Map.copyOf(parameters);
        nodes = List.copyOf(nodes);
        partitions = List.copyOf(partitions);
        warnings = List.copyOf(warnings);
    }

    /** A plain parameter by its key, case-insensitively. */
    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key.toLowerCase(java.util.Locale.ROOT)));
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

    /** The effective timeouts for a node (partition MAX rule, else global). */
    public NodeTimeouts timeoutsFor(String node) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
