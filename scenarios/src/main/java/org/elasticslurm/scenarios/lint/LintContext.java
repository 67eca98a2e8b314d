package org.elasticslurm.scenarios.lint;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.PartitionDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.SourceLocation;

/**
 * What a rule reads: the parsed slurm.conf, the site's options, and where keys are written.
 *
 * @param conf the configuration
 * @param options boot time and burst size
 * @param version the Slurm version the configuration is meant for (rules whose advice depends on it read it)
 */
public record LintContext(SlurmConf conf, LintOptions options, SlurmVersion version) {

    /**
     * A finding about a plain key, at the file and line where it is written (an included file's own line), or
     * the main file when it is not written.
     */
    public Finding atKey(String rule, Severity severity, String key, String message) {
        return conf.parameterLocation(key).map(l -> new Finding(rule, severity, l.file(), l.line(), message))
                .orElseGet(() -> new Finding(rule, severity, conf.source(), 0, message));
    }

    /** A finding at a NodeName/PartitionName line. */
    public Finding at(String rule, Severity severity, SourceLocation location, String message) {
        return new Finding(rule, severity, location.file(), location.line(), message);
    }

    /** A finding about the file as a whole. */
    public Finding atFile(String rule, Severity severity, String message) {
        return new Finding(rule, severity, conf.source(), 0, message);
    }

    /** The CLOUD nodes. */
    public List<NodeDefinition> cloudNodes() {
        return conf.cloudNodes();
    }

    /**
     * Whether power saving is configured at all: a finite SuspendTime globally or on some partition (slurmctld
     * 22.05 enables it then, the programs permitting).
     */
    public boolean powerSaveConfigured() {
        return conf.suspendTimeSetAnywhere();
    }

    /** Node names as one compressed hostlist expression. */
    public static String hostlist(Collection<NodeDefinition> nodes) {
        return Hostlist.of(nodes.stream().map(NodeDefinition::name).toList()).compress();
    }

    /** The first partition of the node that sets the given per-partition timeout, if any. */
    public Optional<PartitionDefinition> partitionSetting(String node, Predicate<PartitionDefinition> sets) {
        return conf.partitionsOf(node).stream().filter(sets).findFirst();
    }

    /** Seconds, as slurm.conf writes them. */
    public static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
