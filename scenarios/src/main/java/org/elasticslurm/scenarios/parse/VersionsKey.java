package org.elasticslurm.scenarios.parse;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.SlurmVersion;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The {@code versions:} key of a step or an expectation: {@code versions: 24.11} or {@code [24.11, 26.05]}. */
final class VersionsKey {

    private VersionsKey() {
    }

    /** The Slurm versions named; empty when the key is absent (every version). */
    static Set<SlurmVersion> read(YamlMap m) {
        if (!m.has("versions")) {
            return Set.of();
        }
        Set<SlurmVersion> out = EnumSet.noneOf(SlurmVersion.class);
        for (ScalarNode item : m.scalarList("versions")) {
            String v = item.getValue().strip();
            Optional<SlurmVersion> version = SlurmVersion.find(v).filter(x -> x.label().equals(v));
            if (version.isEmpty()) {
                List<String> known = Arrays.stream(SlurmVersion.values()).map(SlurmVersion::label).toList();
                throw new ScenarioException(YamlMap.position(m.file(), item), "unknown Slurm version '" + v
                        + "' in 'versions'; known: " + String.join(", ", known), Optional.of("versions"), known, null);
            }
            out.add(version.get());
        }
        if (out.isEmpty()) {
            throw m.error("versions", "'versions' names no Slurm version; leave it out for every version");
        }
        return out;
    }
}
