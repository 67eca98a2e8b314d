package org.elasticslurm.conf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@code PartitionName=} lines into {@link PartitionDefinition}s as slurmctld 22.05 does (read_config.c
 * {@code _parse_partitionname}, slurmctld/read_config.c): {@code PartitionName=DEFAULT} values apply to later
 * lines and accumulate, except SuspendTime, which 22.05 reads only from the partition's own line. Member nodes
 * are resolved once every node is known ({@code Nodes=ALL} means every node of the file, NodeSet names are
 * replaced by their nodes) and kept in node order without duplicates, as the daemon's node bitmap holds them.
 */
final class PartitionLines {

    private static final List<String> STATES = List.of("DOWN", "UP", "DRAIN", "INACTIVE");
    private static final List<String> SELECT_TYPES = List.of("CR_Core_Memory", "CR_Core", "CR_Socket_Memory", "CR_Socket");

    private final List<ConfWarning> warnings;
    private Map<String, ConfEntry> defaults = Map.of();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, NodeSet> nodeSets = new LinkedHashMap<>();

    PartitionLines(List<ConfWarning> warnings) {
        this.warnings = warnings;
    }

    /** A partition whose node list is not resolved yet. */
    private record Pending(String name, Optional<ConfEntry> nodes, boolean isDefault, String state, String maxTime,
                           Optional<TimeoutValue> suspendTime, Optional<Duration> suspendTimeout,
                           Optional<Duration> resumeTimeout, SourceLocation location) {
    }

    /** A {@code NodeSet=} line. */
    private record NodeSet(String name, Optional<String> feature, Optional<String> nodes, SourceLocation location) {
    }

    /** Takes a {@code NodeSet=} line. */
    void addNodeSet(ConfEntry line, Map<String, ConfEntry> options) {
        nodeSets.put(line.value(), new NodeSet(line.value(),
                Optional.ofNullable(options.get("feature")).map(ConfEntry::value),
                Optional.ofNullable(options.get("nodes")).map(ConfEntry::value), line.location()));
    }

    /**
     * Takes one line.
     *
     * @param line the {@code PartitionName=...} pair
     * @param options the other pairs of the line, keyed by lower-case key
     */
    void add(ConfEntry line, Map<String, ConfEntry> options) {
        if (line.value().equalsIgnoreCase("DEFAULT")) {
            ConfEntry suspendTime = options.get("suspendtime");
            if (suspendTime != null) {
                warnings.add(new ConfWarning(line.location(), suspendTime.asWritten()
                        + " on PartitionName=DEFAULT is ignored: slurmctld 22.05 reads a partition's SuspendTime"
                        + " only from its own line"));
            }
            Map<String, ConfEntry> merged = new LinkedHashMap<>(defaults);
            merged.putAll(options);
            defaults = Map.copyOf(merged);
            return;
        }
        String name = line.value();
        Pending earlier = pending.get(name);
        if (earlier != null) {
            throw new SlurmConfException(line.location(), line.asWritten(),
                    "duplicate entry for partition " + name + " (first defined at " + earlier.location() + ")", null);
        }
        Values values = new Values(line, options);
        values.timeLimit("MaxTime");
        values.timeLimit("DefaultTime");
        values.overSubscribe();
        values.selectTypeParameters();
        boolean isDefault = values.get("Default").map(e -> ConfValues.bool(e.key(), e.value())).orElse(false);
        String maxTime = values.get("MaxTime").map(ConfEntry::value).orElse("UNLIMITED");
        pending.put(name, new Pending(name, values.get("Nodes"), isDefault, values.state(), maxTime,
                values.suspendTime(), values.seconds("SuspendTimeout"), values.seconds("ResumeTimeout"),
                line.location()));
    }

    /** The partitions with their nodes, once every NodeName line is read. */
    List<PartitionDefinition> resolve(List<NodeDefinition> nodes, Set<String> refusedNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.putIfAbsent(nodes.get(i).name(), i);
        }
        String lastDefault = null;
        for (Pending p : pending.values()) {
            if (p.isDefault()) {
                lastDefault = p.name();
            }
        }
        List<PartitionDefinition> result = new ArrayList<>();
        for (Pending p : pending.values()) {
            List<String> members = p.nodes().map(e -> members(p, e, nodes, index, refusedNames))
                    .orElse(List.of());
            result.add(new PartitionDefinition(p.name(), members, p.name().equals(lastDefault), p.state(),
                    p.maxTime(), p.suspendTime(), p.suspendTimeout(), p.resumeTimeout(), p.location()));
        }
        return result;
    }

    private List<String> members(Pending p, ConfEntry entry, List<NodeDefinition> nodes, Map<String, Integer> index,
                                 Set<String> refusedNames) {
        String expr = entry.value().replaceAll("[ \\t\\n\\x0B\\f\\r]", ",");
        List<String> names;
        if (expr.equalsIgnoreCase("ALL")) {
            names = nodes.stream().map(NodeDefinition::name).toList();
        } else {
            names = expandNodeSets(hostlist(p, entry, expr), nodes, p);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (!index.containsKey(name) && refusedNames.contains(name)) {
                continue; // its NodeName line was refused and reported already
            }
            if (!index.containsKey(name)) {
                throw new SlurmConfException(p.location(), entry.asWritten(), "Invalid node names in partition "
                        + p.name() + ": " + name + " is not defined by any NodeName line", null);
            }
            unique.add(name);
        }
        return unique.stream().sorted(Comparator.comparing(index::get)).toList();
    }

    private List<String> expandNodeSets(List<String> names, List<NodeDefinition> nodes, Pending p) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            NodeSet set = nodeSets.get(name);
            if (set == null) {
                result.add(name);
                continue;
            }
            set.feature().ifPresent(f -> nodes.stream().filter(n -> n.features().contains(f))
                    .forEach(n -> result.add(n.name())));
            set.nodes().ifPresent(expr -> result.addAll(hostlist(p, new ConfEntry("Nodes", expr, set.location()), expr)));
        }
        return result;
    }

    private static List<String> hostlist(Pending p, ConfEntry entry, String expr) {
        try {
            return Hostlist.parse(expr).names();
        } catch (HostlistException e) {
            throw new SlurmConfException(entry.location(), entry.asWritten(),
                    "Invalid node names in partition " + p.name() + ": " + e.getMessage(), e);
        }
    }

    /** The values of one line, falling back on PartitionName=DEFAULT. */
    private final class Values {
        private final ConfEntry line;
        private final Map<String, ConfEntry> options;

        Values(ConfEntry line, Map<String, ConfEntry> options) {
            this.line = line;
            this.options = options;
        }

        Optional<ConfEntry> own(String key) {
            return Optional.ofNullable(options.get(KnownKeys.lower(key)));
        }

        Optional<ConfEntry> get(String key) {
            return own(key).or(() -> Optional.ofNullable(defaults.get(KnownKeys.lower(key))));
        }

        void timeLimit(String key) {
            get(key).ifPresent(e -> check(e, () -> ConfValues.timeLimit(key, e.value())));
        }

        Optional<Duration> seconds(String key) {
            return get(key).map(e -> Duration.ofSeconds(ConfValues.uint16(e.key(), e.value())));
        }

        String state() {
            Optional<ConfEntry> entry = get("State");
            if (entry.isEmpty()) {
                return "UP";
            }
            String upper = entry.get().value().toUpperCase(Locale.ROOT);
            return STATES.stream().filter(upper::startsWith).findFirst()
                    .orElseThrow(() -> new SlurmConfException(line.location(), entry.get().asWritten(),
                            "Bad value \"" + entry.get().value() + "\" for State (UP, DOWN, DRAIN or INACTIVE)",
                            null));
        }

        Optional<TimeoutValue> suspendTime() {
            Optional<ConfEntry> entry = own("SuspendTime");
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            String value = entry.get().value();
            if (value.equalsIgnoreCase("INFINITE") || value.equals("-1")) {
                return Optional.of(TimeoutValue.infinite());
            }
            if (value.equalsIgnoreCase("NONE")) {
                warnings.add(new ConfWarning(line.location(), "partition " + line.value() + " SuspendTime=" + value
                        + " is read as 0 seconds by slurmctld 22.05 (only INFINITE or -1 mean no suspension)"));
                return Optional.of(TimeoutValue.of(Duration.ZERO));
            }
            if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > ConfValues.INFINITE32) {
                throw new SlurmConfException(line.location(), entry.get().asWritten(), "Bad value \"" + value
                        + "\" for SuspendTime (seconds, INFINITE or -1)", null);
            }
            long seconds = Long.parseLong(value);
            return Optional.of(seconds == ConfValues.INFINITE32 ? TimeoutValue.infinite()
                    : TimeoutValue.of(Duration.ofSeconds(seconds)));
        }

        void overSubscribe() {
            Optional<ConfEntry> entry = get("OverSubscribe").or(() -> get("Shared"));
            entry.ifPresent(e -> {
                String v = e.value().toUpperCase(Locale.ROOT);
                boolean ok = v.equals("NO") || v.equals("EXCLUSIVE") || v.equals("YES") || v.equals("FORCE")
                        || v.startsWith("YES:") || v.startsWith("FORCE:");
                if (!ok) {
                    throw new SlurmConfException(line.location(), e.asWritten(), "Bad value \"" + e.value()
                            + "\" for OverSubscribe (NO, EXCLUSIVE, YES[:n] or FORCE[:n])", null);
                }
            });
        }

        void selectTypeParameters() {
            own("SelectTypeParameters").ifPresent(e -> {
                String v = e.value().toLowerCase(Locale.ROOT);
                if (SELECT_TYPES.stream().noneMatch(t -> v.startsWith(t.toLowerCase(Locale.ROOT)))) {
                    throw new SlurmConfException(line.location(), e.asWritten(), "Bad value for SelectTypeParameters: "
                            + e.value() + " (a partition takes " + String.join(", ", SELECT_TYPES) + ")", null);
                }
            });
        }

        private void check(ConfEntry e, Runnable check) {
            try {
                check.run();
            } catch (ConfValues.BadValue bad) {
                throw new SlurmConfException(line.location(), e.asWritten(), bad.getMessage(), bad);
            }
        }
    }
}
