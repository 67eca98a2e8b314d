package org.elasticslurm.fake.cli;

import java.util.List;
import org.elasticslurm.fake.wire.NodeInfo;

/** {@code scontrol show node}: 22.05's slurm_sprint_node_table, multi-line or one line per node ({@code -o}). */
final class NodeFormatter {

    private final SlurmTimes times;

    NodeFormatter(SlurmTimes times) {
        this.times = times;
    }

    /** One node's record, ending with a blank line (or, one-liner, one line). */
    String format(NodeInfo n, boolean oneLiner) {
        String end = oneLiner ? " " : "\n   ";
        StringBuilder out = new StringBuilder();
        out.append("NodeName=").append(n.name()).append(' ');
        n.arch().ifPresent(a -> out.append("Arch=").append(a).append(' '));
        out.append("CoresPerSocket=").append(n.coresPerSocket()).append(' ').append(end);
        out.append("CPUAlloc=").append(n.allocCpus()).append(" CPUEfctv=").append(n.cpus()).append(" CPUTot=")
                .append(n.cpus()).append(' ');
        out.append(n.cpuLoad().isPresent() ? "CPULoad=" + SlurmTimes.twoDecimals(n.cpuLoad().getAsLong())
                : "CPULoad=N/A").append(end);
        String features = n.features().isEmpty() ? "(null)" : String.join(",", n.features());
        out.append("AvailableFeatures=").append(features).append(end);
        out.append("ActiveFeatures=").append(features).append(end);
        out.append("Gres=(null)").append(end);
        out.append("NodeAddr=").append(n.nodeAddr()).append(' ');
        out.append("NodeHostName=").append(n.nodeHostName()).append(' ');
        n.port().ifPresent(p -> out.append("Port=").append(p).append(' '));
        n.version().ifPresent(v -> out.append("Version=").append(v));
        out.append(end);
        n.os().ifPresent(os -> out.append("OS=").append(os).append(' ').append(end));
        out.append("RealMemory=").append(n.realMemory()).append(" AllocMem=0 ");
        out.append(n.freeMem().isPresent() ? "FreeMem=" + n.freeMem().getAsLong() + " " : "FreeMem=N/A ");
        out.append("Sockets=").append(n.sockets()).append(" Boards=").append(n.boards()).append(end);
        out.append("State=").append(n.state()).append(" ThreadsPerCore=").append(n.threadsPerCore())
                .append(" TmpDisk=0 Weight=").append(n.weight()).append(" Owner=N/A MCS_label=N/A").append(end);
        if (!n.partitions().isEmpty()) {
            out.append("Partitions=").append(String.join(",", n.partitions())).append(' ').append(end);
        }
        out.append(n.bootTime().isPresent() ? "BootTime=" + times.timestamp(n.bootTime()) + " " : "BootTime=None ");
        out.append(n.slurmdStartTime().isPresent() ? "SlurmdStartTime=" + times.timestamp(n.slurmdStartTime())
                : "SlurmdStartTime=None").append(end);
        out.append("LastBusyTime=").append(times.timestamp(n.lastBusy())).append(end);
        out.append("CfgTRES=cpu=").append(n.cpus()).append(",mem=").append(memory(n.realMemory()))
                .append(",billing=").append(n.cpus()).append(end);
        out.append("AllocTRES=").append(n.allocCpus() > 0 ? "cpu=" + n.allocCpus() : "").append(end);
        out.append("CapWatts=n/a").append(end);
        out.append("CurrentWatts=0 AveWatts=0").append(end);
        out.append("ExtSensorsJoules=n/s ExtSensorsWatts=0 ExtSensorsTemp=n/s");
        if (n.reason().isPresent() && !n.reason().get().isEmpty()) {
            List<String> lines = List.of(n.reason().get().split("\n"));
            for (int i = 0; i < lines.size(); i++) {
                out.append(end);
                if (i == 0) {
                    out.append("Reason=").append(lines.get(0));
                    if (n.reasonTime().isPresent()) {
                        out.append(" [").append(n.reasonUser().orElse("root")).append('@')
                                .append(times.timestamp(n.reasonTime())).append(']');
                    }
                } else {
                    out.append("       ").append(lines.get(i));
                }
            }
        }
        out.append(oneLiner ? "\n" : "\n\n");
        return out.toString();
    }

    /** A memory size in MB as Slurm's TRES strings show it: 1M, 512M, 2G, 1T. */
    static String memory(long mb) {
        long value = mb;
        String[] units = {"M", "G", "T", "P"};
        int unit = 0;
        while (value >= 1024 && value % 1024 == 0 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
