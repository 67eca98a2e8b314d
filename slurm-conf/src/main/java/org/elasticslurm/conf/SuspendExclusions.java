package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * SuspendExcNodes and SuspendExcParts as slurmctld 22.05 reads them (power_save.c {@code _parse_exc_nodes} and
 * the first scan of {@code _do_power_work}), with its error lines as warnings.
 *
 * <p>SuspendExcNodes without {@code :} is one node list; unknown names are reported
 * ({@code node_name2bitmap: invalid node specified: "x"}, then {@code Invalid SuspendExcNodes ... ignored}) but,
 * as in the daemon, the known nodes of the list stay excluded. With {@code :} the value alternates node lists
 * and counts ({@code nid[10-20]:4,nid[60-70]}), split as the daemon's {@code strtok_r} calls split it; any bad
 * list or count (not a whole number, below 1, above the size of its list) drops the whole value.
 */
final class SuspendExclusions {

    private SuspendExclusions() {
    }

    static List<SuspendExclusion> nodes(ConfEntry entry, List<NodeDefinition> nodes, List<ConfWarning> warnings) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.putIfAbsent(nodes.get(i).name(), i);
        }
        String value = entry.value();
        List<ConfWarning> found = new ArrayList<>();
        List<SuspendExclusion> result = value.indexOf(':') < 0
                ? plainList(entry, index, found)
                : countedLists(entry, index, found);
        warnings.addAll(found);
        return result;
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

    private static List<SuspendExclusion> plainList(ConfEntry entry, Map<String, Integer> index,
                                                    List<ConfWarning> found) {
        List<String> known = resolve(entry, entry.value(), index, found);
        if (!found.isEmpty()) {
            found.add(ignored(entry));
        }
        return known.isEmpty() ? List.of() : List.of(new SuspendExclusion(Hostlist.of(known), OptionalInt.empty()));
    }

    private static List<SuspendExclusion> countedLists(ConfEntry entry, Map<String, Integer> index,
                                                       List<ConfWarning> found) {
        List<SuspendExclusion> result = new ArrayList<>();
        Tokenizer tokens = new Tokenizer(entry.value());
        for (String list = tokens.next(":"); list != null; list = tokens.next(":")) {
            List<String> members = resolve(entry, list, index, found);
            if (!found.isEmpty()) {
                found.add(ignored(entry));
                return List.of();
            }
            String count = tokens.next(",");
            OptionalInt parsed = count == null ? OptionalInt.of(members.size()) : strtolWhole(count);
            if (parsed.isEmpty() || parsed.getAsInt() < 1 || parsed.getAsInt() > members.size()) {
                found.add(ignored(entry));
                return List.of();
            }
            result.add(new SuspendExclusion(Hostlist.of(members),
                    count == null ? OptionalInt.empty() : OptionalInt.of(parsed.getAsInt())));
        }
        return result;
    }

    /** The known nodes of a list, in node order without duplicates; unknown ones reported. */
    private static List<String> resolve(ConfEntry entry, String list, Map<String, Integer> index,
                                        List<ConfWarning> found) {
        List<String> names;
        try {
            names = Hostlist.parse(list).names();
        } catch (HostlistException e) {
            found.add(new ConfWarning(entry.location(), "hostlist_create on " + list + " error: " + e.getMessage()));
            return List.of();
        }
        Set<String> known = new LinkedHashSet<>();
        for (String name : names) {
            if (index.containsKey(name)) {
                known.add(name);
            } else {
                found.add(new ConfWarning(entry.location(),
                        "node_name2bitmap: invalid node specified: \"" + name + "\""));
            }
        }
        return known.stream().sorted(Comparator.comparing(index::get)).toList();
    }

    private static ConfWarning ignored(ConfEntry entry) {
        return new ConfWarning(entry.location(), "Invalid SuspendExcNodes " + entry.value() + " ignored");
    }

    /** C's strtol(text, &end, 10) that must consume the whole token; empty when it does not. */
    private static OptionalInt strtolWhole(String text) {
        String trimmed = text.stripLeading();
        if (!trimmed.matches("[+-]?[0-9]{1,9}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(trimmed));
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
