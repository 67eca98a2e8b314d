package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SuspendExcNodes ({@link SuspendExcNodes}) and SuspendExcParts as slurmctld 22.05 reads them (power_save.c
 * {@code _parse_exc_nodes} and the first scan of {@code _do_power_work}), with its error lines as warnings.
 */
final class SuspendExclusions {

    private SuspendExclusions() {
    }

    static List<SuspendExclusion> nodes(ConfEntry entry, List<NodeDefinition> nodes, List<ConfWarning> warnings) {
        SuspendExcNodes read = SuspendExcNodes.read(entry.value(), nodes.stream().map(NodeDefinition::name).toList());
        read.errors().forEach(e -> warnings.add(new ConfWarning(entry.location(), e.text())));
        return read.exclusions();
    }

    static List<String> partitions(ConfEntry entry, List<PartitionDefinition> partitions,
                                   List<ConfWarning> warnings) {
        Set<String> names = new LinkedHashSet<>();
        partitions.forEach(p -> names.add(p.name()));
        List<String> result = new ArrayList<>();
        Tokenizer tokens = new Tokenizer(entry.value());
        for (String part = tokens.next(","); part != null; part = tokens.next(",")) {
            if (names.contains(part)) {
                result.add(part);
            } else {
                warnings.add(new ConfWarning(entry.location(), "Invalid SuspendExcPart " + part + " ignored"));
            }
        }
        return result;
    }

    /** C's strtok_r over one string, with a different delimiter set at each call. */
    static final class Tokenizer {
        private final String text;
        private int position;

        Tokenizer(String text) {
            this.text = text;
        }

        /** The next token, or null at the end. */
        String next(String delimiters) {
            while (position < text.length() && delimiters.indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            if (position >= text.length()) {
                return null;
            }
            int start = position;
            while (position < text.length() && delimiters.indexOf(text.charAt(position)) < 0) {
                position++;
            }
            String token = text.substring(start, position);
            if (position < text.length()) {
                position++;
            }
            return token;
        }
    }
}
