package org.elasticslurm.scenarios.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.PartitionDefinition;
import org.elasticslurm.conf.SourceLocation;

/** Where a per-node timeout comes from: a partition line, or the global key. */
final class BootTimeRules {
    private BootTimeRules() {
    }

    /** A value and the place it is written, grouping the nodes it applies to. */
    record Source(Duration value, Optional<SourceLocation> partitionLine) {
    }

    /** Groups CLOUD nodes by the (value, place) of a timeout. */
    static Map<Source, List<NodeDefinition>> group(LintContext c, Function<NodeDefinition, Optional<Duration>> value,
            Predicate<PartitionDefinition> partitionSets) {
        Map<Source, List<NodeDefinition>> groups = new LinkedHashMap<>();
        for (NodeDefinition n : c.cloudNodes()) {
            Optional<Duration> v = value.apply(n);
            if (v.isEmpty()) {
                continue;
            }
            Optional<SourceLocation> where = c.partitionSetting(n.name(), partitionSets)
                    .map(PartitionDefinition::location);
            groups.computeIfAbsent(new Source(v.get(), where), s -> new ArrayList<>()).add(n);
        }
        return groups;
    }

    static Finding finding(LintContext c, String rule, Severity severity, Source source, String key, String message) {
        if (source.partitionLine().isPresent()) {
            return c.at(rule, severity, source.partitionLine().get(), message);
        }
        return c.atKey(rule, severity, key, message);
    }
}
