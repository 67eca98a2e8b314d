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
 * SuspendExcNodes as slurmctld 22.05 reads it (power_save.c {@code _parse_exc_nodes}), with the error lines the
 * daemon logs. The one reading of this rule: slurm.conf's parser and fake-slurmctld's power-save thread use it.
 *
 * <p>Without {@code :} the value is one node list; unknown names are reported
 * ({@code node_name2bitmap: invalid node specified: "x"}, then {@code Invalid SuspendExcNodes ... ignored}) but,
 * as in the daemon, the known nodes of the list stay excluded. With {@code :} the value alternates node lists and
 * counts ({@code nid[10-20]:4,nid[60-70]}), split as the daemon's {@code strtok_r} calls split it; any bad list or
 * count (not a whole number, below 1, above the size of its list) drops the whole value.
 *
 * @param exclusions the node sets to keep awake, members in node order; with counts only when the value had {@code :}
 * @param errors what the daemon logs about the value, in order
 */
public record SuspendExcNodes(List<SuspendExclusion> exclusions, List<Error> errors) {

    /**
     * One error line of the daemon.
     *
     * @param line the line as the daemon logs it
     * @param detail what our hostlist parser adds about a malformed list (empty otherwise)
     */
    public record Error(String line, String detail) {
        /** The line with its detail. */
        public String text() {
            return detail.isEmpty() ? line : line + " " + detail;
        }
    }

    public SuspendExcNodes {
        exclusions = List.copyOf(exclusions);
        errors = List.copyOf(errors);
    }

    /**
     * Reads {@code value} against the configured nodes.
     *
     * @param value SuspendExcNodes as written
     * @param nodeNames the configured node names in node (index) order
     */
    public static SuspendExcNodes read(String value, List<String> nodeNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodeNames.size(); i++) {
            index.putIfAbsent(nodeNames.get(i), i);
        }
        List<Error> errors = new ArrayList<>();
        List<SuspendExclusion> exclusions = value.indexOf(':') < 0
                ? plainList(value, index, errors)
                : countedLists(value, index, errors);
        return new SuspendExcNodes(exclusions, errors);
    }

    private static List<SuspendExclusion> plainList(String value, Map<String, Integer> index, List<Error> errors) {
        List<String> known = resolve(value, index, errors);
        if (!errors.isEmpty()) {
            errors.add(ignored(value));
        }
        return known.isEmpty() ? List.of() : List.of(new SuspendExclusion(Hostlist.of(known), OptionalInt.empty()));
    }

    private static List<SuspendExclusion> countedLists(String value, Map<String, Integer> index, List<Error> errors) {
        List<SuspendExclusion> result = new ArrayList<>();
        SuspendExclusions.Tokenizer tokens = new SuspendExclusions.Tokenizer(value);
        for (String list = tokens.next(":"); list != null; list = tokens.next(":")) {
            List<String> members = resolve(list, index, errors);
            if (!errors.isEmpty()) {
                errors.add(ignored(value));
                return List.of();
            }
            String count = tokens.next(",");
            OptionalInt parsed = count == null ? OptionalInt.of(members.size()) : strtolWhole(count);
            if (parsed.isEmpty() || parsed.getAsInt() < 1 || parsed.getAsInt() > members.size()) {
                errors.add(ignored(value));
                return List.of();
            }
            result.add(new SuspendExclusion(Hostlist.of(members),
                    count == null ? OptionalInt.empty() : OptionalInt.of(parsed.getAsInt())));
        }
        return result;
    }

    /** The known nodes of a list, in node order without duplicates; unknown ones reported (node_name2bitmap). */
    private static List<String> resolve(String list, Map<String, Integer> index, List<Error> errors) {
        List<String> names;
        try {
            names = Hostlist.parse(list).names();
        } catch (HostlistException e) {
            errors.add(new Error("hostlist_create on " + list + " error:", e.getMessage()));
            return List.of();
        }
        Set<String> known = new LinkedHashSet<>();
        for (String name : names) {
            if (index.containsKey(name)) {
                known.add(name);
            } else {
                errors.add(new Error("node_name2bitmap: invalid node specified: \"" + name + "\"", ""));
            }
        }
        return known.stream().sorted(Comparator.comparing(index::get)).toList();
    }

    private static Error ignored(String value) {
        return new Error("Invalid SuspendExcNodes " + value + " ignored", "");
    }

    /** C's strtol(text, &end, 10) that must consume the whole token; empty when it does not. */
    private static OptionalInt strtolWhole(String text) {
        String trimmed = text.stripLeading();
        if (!trimmed.matches("[+-]?[0-9]{1,9}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(trimmed));
    }
}
