package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns {@code NodeName=} lines into {@link NodeDefinition}s as slurmctld 22.05 does (read_config.c
 * {@code _parse_nodename}, node_conf.c {@code _check_callback}): {@code NodeName=DEFAULT} values apply to the
 * lines after it and accumulate; the names, NodeHostname, NodeAddr and Port lists are hostlists taken in
 * parallel; the CPU layout is completed and corrected with the daemon's messages as warnings.
 *
 * <p>The count rules are those of Debian's slurm-wlm 22.05, which is built with {@code --enable-multiple-slurmd}
 * (node_conf.c {@code expand_nodeline_info}, {@code MULTIPLE_SLURMD} branch): NodeAddr (default: NodeHostname)
 * and BcastAddr give either one value, used for every name of the line, or exactly one per name; Port gives at
 * most one or one per name; NodeHostname may give any number: a name past the end takes the last host name,
 * extra ones are ignored, and several names may share a host name.
 */
final class NodeLines {

    private static final List<String> EXACT_STATES =
            List.of("UNKNOWN", "DOWN", "IDLE", "ALLOCATED", "ERROR", "MIXED", "FUTURE");
    private static final List<String> PREFIX_STATES = List.of("CLOUD", "DRAIN", "FAIL");
    private static final List<String> LAYOUT_KEYS =
            List.of("cpus", "procs", "sockets", "socketsperboard", "boards", "corespersocket", "threadspercore");

    private final List<ConfWarning> warnings;
    private Map<String, ConfEntry> defaults = Map.of();
    private final List<NodeDefinition> nodes = new ArrayList<>();
    private final Map<String, SourceLocation> definedAt = new HashMap<>();

    NodeLines(List<ConfWarning> warnings) {
        this.warnings = warnings;
    }

    private final Set<String> refused = new HashSet<>();

    /** The nodes so far, in order of definition. */
    List<NodeDefinition> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Notes a line that was refused: its names are not nodes, but other lines naming them are not wrong too.
     */
    void refuse(ConfEntry line) {
        try {
            refused.addAll(Hostlist.parse(line.value()).names());
        } catch (HostlistException e) {
            // the line's names are unreadable: nothing to note
        }
    }

    /** The names of refused lines. */
    Set<String> refusedNames() {
        return Set.copyOf(refused);
    }

    /**
     * Takes one line.
     *
     * @param line the {@code NodeName=...} pair
     * @param options the other pairs of the line, keyed by lower-case key
     */
    void add(ConfEntry line, Map<String, ConfEntry> options) {
        String value = line.value();
        if (value.equalsIgnoreCase("DEFAULT")) {
            for (String forbidden : List.of("NodeHostname", "BcastAddr", "NodeAddr")) {
                ConfEntry bad = options.get(KnownKeys.lower(forbidden));
                if (bad != null) {
                    throw new SlurmConfException(line.location(), bad.asWritten(),
                            forbidden + " not allowed with NodeName=DEFAULT", null);
                }
            }
            Map<String, ConfEntry> merged = new LinkedHashMap<>(defaults);
            merged.putAll(options);
            defaults = Map.copyOf(merged);
            return;
        }
        if (value.equalsIgnoreCase("ALL")) {
            throw new SlurmConfException(line.location(), line.asWritten(),
                    "'" + value + "' is a reserved word disallowed for use with NodeName", null);
        }
        if (value.isEmpty()) {
            throw new SlurmConfException(line.location(), line.asWritten(), "Empty NodeName in config", null);
        }
        new Line(line, options).build();
    }

    /** One non-DEFAULT line being turned into nodes. */
    private final class Line {
        private final ConfEntry line;
        private final Map<String, ConfEntry> options;
        private final String names;

        Line(ConfEntry line, Map<String, ConfEntry> options) {
            this.line = line;
            this.options = options;
            this.names = line.value();
        }

        void build() {
            String state = state();
            List<String> aliases = hostlist("NodeName", names);
            String hostNamesExpr = own("NodeHostname").map(ConfEntry::value).orElse(names);
            List<String> hostNames = hostlist("NodeHostname", hostNamesExpr);
            List<String> addresses = hostlist("NodeAddr", own("NodeAddr").map(ConfEntry::value).orElse(hostNamesExpr));
            List<String> bcast = own("BcastAddr").map(e -> hostlist("BcastAddr", e.value())).orElse(List.of());
            List<Integer> ports = ports();

            if (addresses.size() != aliases.size() && addresses.size() != 1) {
                fail(own("NodeAddr").or(() -> own("NodeHostname")).map(ConfEntry::asWritten)
                                .orElse(line.asWritten()),
                        "NodeAddr count must equal that of NodeName records of there must be no more than one");
            }
            if (!bcast.isEmpty() && bcast.size() != aliases.size() && bcast.size() != 1) {
                fail(own("BcastAddr").map(ConfEntry::asWritten).orElse(line.asWritten()),
                        "BcastAddr count must equal that of NodeName records, or there must be no more than one");
            }
            if (ports.size() != aliases.size() && ports.size() > 1) {
                fail(get("Port").map(ConfEntry::asWritten).orElse(line.asWritten()),
                        "Port count must equal that of NodeName records or there must be no more than one ("
                                + ports.size() + " != " + aliases.size() + ")");
            }

            Layout layout = layout();
            List<String> features = features();
            long realMemory = get("RealMemory").map(e -> ConfValues.uint64(e.key(), e.value())).orElse(1L);
            long weight = get("Weight").map(e -> ConfValues.uint32(e.key(), e.value())).orElse(1L);
            if (weight == ConfValues.INFINITE32) {
                weight -= 1;
            }
            get("MemSpecLimit").ifPresent(e -> {
                long limit = ConfValues.uint64(e.key(), e.value());
                if (limit >= realMemory) {
                    warn("NodeNames=" + names + " MemSpecLimit=" + limit + " is invalid, reset to 0");
                }
            });
            boolean cpuSpecified = LAYOUT_KEYS.stream().anyMatch(k -> get(k).isPresent());

            List<NodeDefinition> built = new ArrayList<>();
            Map<String, SourceLocation> seen = new HashMap<>();
            for (int i = 0; i < aliases.size(); i++) {
                String name = aliases.get(i);
                SourceLocation first = definedAt.containsKey(name) ? definedAt.get(name) : seen.get(name);
                if (first != null) {
                    fail(name, "Duplicated NodeName " + name + " in the config file (first defined at " + first + ")");
                }
                seen.put(name, line.location());
                OptionalInt port = ports.isEmpty() ? OptionalInt.empty()
                        : OptionalInt.of(ports.get(Math.min(i, ports.size() - 1)));
                built.add(new NodeDefinition(name, state, layout.cpus, layout.sockets, layout.cores,
                        layout.threads, realMemory, features, weight, port, nth(addresses, i), nth(hostNames, i),
                        cpuSpecified, line.location()));
            }
            for (NodeDefinition node : built) {
                definedAt.put(node.name(), line.location());
            }
            nodes.addAll(built);
        }

        private String state() {
            Optional<ConfEntry> entry = get("State");
            if (entry.isEmpty()) {
                return "UNKNOWN";
            }
            String upper = entry.get().value().toUpperCase(Locale.ROOT);
            if (EXACT_STATES.contains(upper)) {
                return upper;
            }
            for (String prefix : PREFIX_STATES) {
                if (upper.startsWith(prefix)) {
                    return prefix;
                }
            }
            throw new SlurmConfException(line.location(), entry.get().asWritten(),
                    "node " + names + " has invalid state " + entry.get().value() + " (a node State is one of "
                            + String.join(", ", EXACT_STATES) + ", or begins with "
                            + String.join(", ", PREFIX_STATES) + ")", null);
        }

        private List<Integer> ports() {
            Optional<ConfEntry> entry = get("Port");
            if (entry.isEmpty() || entry.get().value().isEmpty()) {
                return List.of();
            }
            String text = entry.get().value();
            String expr = text.charAt(0) != '[' && (text.contains("-") || text.contains(",")) ? "[" + text + "]" : text;
            List<String> values;
            try {
                values = Hostlist.parse(expr).names();
            } catch (HostlistException e) {
                throw new SlurmConfException(line.location(), entry.get().asWritten(),
                        "Unable to create Port list from " + text + ": " + e.getMessage(), e);
            }
            List<Integer> ports = new ArrayList<>();
            for (String value : values) {
                int port = atoi(value);
                if (port <= 0 || port > 0xFFFF) {
                    fail(entry.get().asWritten(), "Invalid Port " + text + " (a port is 1-65535)");
                }
                ports.add(port);
            }
            return ports;
        }

        private Layout layout() {
            int boards = u16("Boards", 1);
            int cores = u16("CoresPerSocket", 1);
            Optional<ConfEntry> cpuEntry = get("CPUs").or(() -> get("Procs"));
            boolean noCpus = cpuEntry.isEmpty();
            int cpus = cpuEntry.map(e -> ConfValues.uint16(e.key(), e.value())).orElse(1);
            boolean noSockets = get("Sockets").isEmpty();
            int sockets = u16("Sockets", 1);
            boolean noSocketsPerBoard = get("SocketsPerBoard").isEmpty();
            int socketsPerBoard = u16("SocketsPerBoard", 1);
            int threads = u16("ThreadsPerCore", 1);

            if (cores == 0) {
                warn("NodeNames=" + names + " CoresPerSocket=0 is invalid, reset to 1");
                cores = 1;
            }
            if (cpus == 0) {
                warn("NodeNames=" + names + " CPUs=0 is invalid, reset to 1");
                cpus = 1;
            }
            if (threads == 0) {
                warn("NodeNames=" + names + " ThreadsPerCore=0 is invalid, reset to 1");
                threads = 1;
            }
            if (socketsPerBoard == 0) {
                warn("NodeNames=" + names + " SocketsPerBoards=0 is invalid, reset to 1");
                socketsPerBoard = 1;
            }
            if (sockets == 0) {
                warn("NodeNames=" + names + " Sockets=0 is invalid, reset to 1");
                sockets = 1;
            }
            if (!noSocketsPerBoard && !noSockets) {
                warn("NodeNames=" + names + " Sockets=# and SocketsPerBoard=# is invalid , using SocketsPerBoard");
                noSockets = true;
            }
            if (boards == 0) {
                warn("NodeNames=" + names + " Boards=0 is invalid, reset to 1");
                boards = 1;
            }
            if (noSockets) {
                if (!noSocketsPerBoard) {
                    sockets = boards * socketsPerBoard;
                } else if (!noCpus && cpus / (cores * threads) > 0 && cpus % (cores * threads) == 0) {
                    sockets = cpus / (cores * threads);
                } else {
                    sockets = boards;
                }
            }
            if (noCpus) {
                cpus = sockets * cores * threads;
            }
            if (sockets < boards) {
                warn("NodeNames=" + names + " Sockets(" + sockets + ") < Boards(" + boards + ") resetting Boards=1");
            }
            if (cpus != sockets && cpus != sockets * cores && cpus != sockets * cores * threads) {
                warn("NodeNames=" + names + " CPUs=" + cpus + " match no Sockets, Sockets*CoresPerSocket or "
                        + "Sockets*CoresPerSocket*ThreadsPerCore. Resetting CPUs.");
                cpus = sockets * cores * threads;
            }
            return new Layout(cpus, sockets, cores, threads);
        }

        private List<String> features() {
            Optional<ConfEntry> entry = own("Feature").or(() -> own("Features"))
                    .or(() -> fromDefaults("Feature")).or(() -> fromDefaults("Features"));
            return entry.map(e -> Arrays.stream(e.value().split(",")).filter(s -> !s.isEmpty()).toList())
                    .orElse(List.of());
        }

        private int u16(String key, int dflt) {
            return get(key).map(e -> ConfValues.uint16(e.key(), e.value())).orElse(dflt);
        }

        private List<String> hostlist(String what, String expr) {
            try {
                return Hostlist.parse(expr).names();
            } catch (HostlistException e) {
                throw new SlurmConfException(line.location(), what + "=" + expr,
                        "Unable to create " + what + " list from " + expr + ": " + e.getMessage(), e);
            }
        }

        /** The value on this line, else the one from NodeName=DEFAULT. */
        private Optional<ConfEntry> get(String key) {
            return own(key).or(() -> fromDefaults(key));
        }

        private Optional<ConfEntry> own(String key) {
            return Optional.ofNullable(options.get(KnownKeys.lower(key)));
        }

        private Optional<ConfEntry> fromDefaults(String key) {
            return Optional.ofNullable(defaults.get(KnownKeys.lower(key)));
        }

        private void warn(String message) {
            warnings.add(new ConfWarning(line.location(), message));
        }

        private void fail(String offending, String rule) {
            throw new SlurmConfException(line.location(), offending, rule, null);
        }
    }

    /** The i-th of a list taken in parallel with the names; a shorter list repeats its last value. */
    private static String nth(List<String> values, int i) {
        return values.get(Math.min(i, values.size() - 1));
    }

    private record Layout(int cpus, int sockets, int cores, int threads) {
    }

    /** C's atoi: the leading decimal number, 0 when there is none. */
    private static int atoi(String text) {
        int i = 0;
        while (i < text.length() && ConfText.isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && value <= Integer.MAX_VALUE) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        value = Math.min(value, Integer.MAX_VALUE);
        return (int) (negative ? -value : value);
    }
}
