package org.elasticslurm.fake.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.controller.NodeState;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.PartitionInfo;

/**
 * sinfo's table: nodes grouped into records (per partition, and per state, reason ... when the format shows
 * them), sorted as 22.05 sorts them (partition order, then state word descending; {@code -N}: node name), and
 * printed with the format's widths.
 */
final class SinfoReport {

    /** sinfo's MIN_PART_FIELD_SIZE and MIN_NODE_FIELD_SIZE. */
    private static final int MIN_FIELD = 9;

    /** The default format ("partition:9 ,available:.5 ,time:.10 ,nodes:.6 ,statecompact:.6 ,nodelist:0"). */
    static final String DEFAULT = "%#P %.5a %.10l %.6D %.6t %N";
    /** {@code -N}. */
    static final String NODE_ORIENTED = "%#N %.6D %.#P %6t";
    /** {@code -R}. */
    static final String REASONS = "%20E %9u %19H %N";

    /**
     * What to print.
     *
     * @param format      the format
     * @param nodeFlag    {@code -N}: one record per node and partition
     * @param reasons     {@code -R}: only down, drained and failed nodes, grouped by reason
     * @param header      print the header line
     */
    record Settings(String format, boolean nodeFlag, boolean reasons, boolean header) {
    }

    private final SlurmTimes times;

    SinfoReport(SlurmTimes times) {
        this.times = times;
    }

    private static final class Record {
        final Optional<PartitionInfo> partition;
        final List<NodeInfo> nodes = new ArrayList<>();

        Record(Optional<PartitionInfo> partition) {
            this.partition = partition;
        }

        NodeInfo first() {
            return nodes.get(0);
        }
    }

    String render(NodeListing listing, Settings settings) {
        OutputFormat format = parse(settings.format());
        List<Record> records = build(listing, settings, format);
        int partWidth = MIN_FIELD;
        int nodeWidth = MIN_FIELD;
        for (Record r : records) {
            if (r.partition.isPresent()) {
                partWidth = Math.max(partWidth, partitionLabel(r.partition.get()).length());
            }
            nodeWidth = Math.max(nodeWidth, nodeList(r).length());
        }
        Widths widths = new Widths(computedWidth(settings.format(), 'P') ? partWidth : 0,
                computedWidth(settings.format(), 'N') ? nodeWidth : 0);
        StringBuilder out = new StringBuilder();
        if (settings.header()) {
            out.append(format.prefix);
            for (OutputFormat.Field f : format.fields) {
                out.append(widths.cell(f, title(f.letter()), false)).append(f.suffix());
            }
            out.append('\n');
        }
        for (Record r : records) {
            out.append(format.prefix);
            for (OutputFormat.Field f : format.fields) {
                out.append(widths.cell(f, value(f.letter(), r), true)).append(f.suffix());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The widths sinfo computes from the data for PARTITION and NODELIST (0: the format's own). */
    private record Widths(int partition, int nodeList) {
        String cell(OutputFormat.Field f, String text, boolean cut) {
            int width = f.width();
            if (width == 0 && f.letter() == 'P') {
                width = partition;
            } else if (width == 0 && f.letter() == 'N') {
                width = nodeList;
            }
            return OutputFormat.pad(text, width, f.right(), cut);
        }
    }

    /** Fields whose width comes from the data are {@code %#X} or {@code %.#X} in the built-in formats. */
    private static OutputFormat parse(String format) {
        return OutputFormat.parse(format.replace("#", ""));
    }

    private static boolean computedWidth(String format, char letter) {
        return format.contains("#" + letter);
    }

    private List<Record> build(NodeListing listing, Settings settings, OutputFormat format) {
        boolean byPartition = !settings.reasons() && format.fields.stream()
                .anyMatch(f -> f.letter() == 'P' || f.letter() == 'R');
        Map<String, NodeInfo> visible = new LinkedHashMap<>();
        listing.nodes().forEach(n -> visible.put(n.name(), n));
        List<Record> records = new ArrayList<>();
        if (byPartition && !settings.nodeFlag()) {
            listing.partitions().forEach(p -> records.add(new Record(Optional.of(p))));
        }
        for (PartitionInfo p : listing.partitions()) {
            for (String name : p.nodes()) {
                NodeInfo n = visible.get(name);
                if (n == null || (settings.reasons() && !listedByReasons(n))) {
                    continue;
                }
                insert(records, n, p, settings, format, byPartition);
            }
        }
        if (settings.nodeFlag()) {
            records.sort(Comparator.comparing(r -> r.first().name(), SinfoReport::compareNames));
        } else if (!settings.reasons()) {
            records.sort(Comparator.comparingInt((Record r) -> r.nodes.isEmpty() ? 0 : r.first().stateWord())
                    .reversed());
            List<String> order = listing.partitions().stream().map(PartitionInfo::name).toList();
            records.sort(Comparator.comparingInt(r -> r.partition.map(p -> order.indexOf(p.name())).orElse(-1)));
        }
        return records;
    }

    private void insert(List<Record> records, NodeInfo n, PartitionInfo p, Settings settings, OutputFormat format,
                        boolean byPartition) {
        if (!settings.nodeFlag()) {
            for (Record r : records) {
                if (byPartition && !r.partition.map(x -> x.name().equals(p.name())).orElse(false)) {
                    continue;
                }
                if (r.nodes.isEmpty() || matches(r.first(), n, format)) {
                    if (r.nodes.stream().noneMatch(x -> x.name().equals(n.name()))) {
                        r.nodes.add(n);
                    }
                    return;
                }
            }
        }
        Record r = new Record(byPartition || settings.nodeFlag() ? Optional.of(p) : Optional.empty());
        r.nodes.add(n);
        records.add(r);
    }

    /** _match_node_data for the fields this sinfo shows. */
    private static boolean matches(NodeInfo a, NodeInfo b, OutputFormat format) {
        for (OutputFormat.Field f : format.fields) {
            boolean same = switch (f.letter()) {
                case 't', 'T' -> a.sinfoLong().equals(b.sinfoLong());
                case 'E' -> a.reason().equals(b.reason());
                case 'H' -> a.reasonTime().equals(b.reasonTime());
                case 'u' -> a.reasonUser().equals(b.reasonUser());
                case 'c' -> a.cpus() == b.cpus();
                case 'm' -> a.realMemory() == b.realMemory();
                case 'w' -> a.weight() == b.weight();
                case 'v' -> a.version().equals(b.version());
                case 'z' -> a.sockets() == b.sockets() && a.coresPerSocket() == b.coresPerSocket()
                        && a.threadsPerCore() == b.threadsPerCore();
                default -> true;
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** sinfo -R's state filter "down,fail,drain". */
    private static boolean listedByReasons(NodeInfo n) {
        return NodeState.base(n.stateWord()) == NodeState.DOWN || (n.stateWord() & NodeState.DRAIN) != 0
                || (n.stateWord() & NodeState.FAIL) != 0;
    }

    private String value(char letter, Record r) {
        boolean empty = r.nodes.isEmpty();
        return switch (letter) {
            case 'a' -> r.partition.map(p -> p.state().toLowerCase(Locale.ROOT)).orElse("n/a");
            case 'c' -> empty ? "0" : Integer.toString(r.first().cpus());
            case 'D' -> Integer.toString(r.nodes.size());
            case 'E' -> empty ? "none" : r.first().reason().filter(s -> !s.isEmpty()).orElse("none");
            case 'H' -> empty ? "Unknown" : times.timestamp(r.first().reasonTime());
            case 'l' -> r.partition.map(p -> SlurmTimes.timeLimit(p.maxMinutes())).orElse("n/a");
            case 'm' -> empty ? "0" : Long.toString(r.first().realMemory());
            case 'N' -> nodeList(r);
            case 'n' -> Hostlist.of(r.nodes.stream().map(NodeInfo::nodeHostName).toList()).compress();
            case 'o' -> Hostlist.of(r.nodes.stream().map(NodeInfo::nodeAddr).toList()).compress();
            case 'P' -> r.partition.map(SinfoReport::partitionLabel).orElse("n/a");
            case 'R' -> r.partition.map(PartitionInfo::name).orElse("n/a");
            case 't' -> empty ? "n/a" : r.first().sinfoCompact();
            case 'T' -> empty ? "n/a" : r.first().sinfoLong();
            case 'u' -> empty ? "Unknown" : r.first().reasonUser().orElse("Unknown");
            case 'w' -> empty ? "0" : Long.toString(r.first().weight());
            case 'v' -> empty ? "N/A" : r.first().version().orElse("N/A");
            case 'O' -> empty ? "N/A" : load(r.first().cpuLoad());
            case 'e' -> empty ? "N/A" : r.first().freeMem().isPresent()
                    ? Long.toString(r.first().freeMem().getAsLong()) : "N/A";
            case 'z' -> empty ? "0:0:0" : r.first().sockets() + ":" + r.first().coresPerSocket() + ":"
                    + r.first().threadsPerCore();
            default -> throw new IllegalArgumentException("field %" + letter);
        };
    }

    private static String load(OptionalLong cpuLoad) {
        return cpuLoad.isPresent() ? SlurmTimes.twoDecimals(cpuLoad.getAsLong()) : "N/A";
    }

    /** The letters this sinfo can print. */
    static boolean knownField(char letter) {
        return "acDEHlmNnoPRtTuwvOez".indexOf(letter) >= 0;
    }

    private static String title(char letter) {
        return switch (letter) {
            case 'a' -> "AVAIL";
            case 'c' -> "CPUS";
            case 'D' -> "NODES";
            case 'E' -> "REASON";
            case 'H' -> "TIMESTAMP";
            case 'l' -> "TIMELIMIT";
            case 'm' -> "MEMORY";
            case 'N' -> "NODELIST";
            case 'n' -> "HOSTNAMES";
            case 'o' -> "NODE_ADDR";
            case 'P', 'R' -> "PARTITION";
            case 't', 'T' -> "STATE";
            case 'u' -> "USER";
            case 'w' -> "WEIGHT";
            case 'v' -> "VERSION";
            case 'O' -> "CPU_LOAD";
            case 'e' -> "FREE_MEM";
            case 'z' -> "S:C:T";
            default -> throw new IllegalArgumentException("field %" + letter);
        };
    }

    private static String partitionLabel(PartitionInfo p) {
        return p.isDefault() ? p.name() + "*" : p.name();
    }

    private static String nodeList(Record r) {
        return r.nodes.isEmpty() ? "" : Hostlist.of(r.nodes.stream().map(NodeInfo::name).toList()).compressSorted();
    }

    /** Node names as sinfo sorts them: prefix, then the number at the end. */
    static int compareNames(String a, String b) {
        int ia = digitsStart(a);
        int ib = digitsStart(b);
        int c = a.substring(0, ia).compareTo(b.substring(0, ib));
        if (c != 0 || ia == a.length() || ib == b.length()) {
            return c != 0 ? c : a.compareTo(b);
        }
        int n = Long.compare(Long.parseLong(a.substring(ia)), Long.parseLong(b.substring(ib)));
        return n != 0 ? n : a.compareTo(b);
    }

    private static int digitsStart(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1)) && s.length() - i < 18) {
            i--;
        }
        return i;
    }
}
