package org.elasticslurm.scenarios.target.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SlurmConfSource;

/**
 * A scenario's slurm.conf made concrete for one lab: {@code $LAB}, {@code $HOST} and {@code $CTLD_ADDR} replaced.
 * For labs whose node daemons all run on this machine ({@link #localNodes}) also: {@code SlurmctldPort} and
 * every node's {@code Port} set to ports free on 127.0.0.1 (NodeName lines with a hostlist are split, one line
 * per node), and slurmd's spool, log and PID files put under the lab (one per node), so several labs and a
 * site's own daemons never clash.
 *
 * @param text the rendered slurm.conf
 * @param nodes every node, in order
 * @param nodePorts each node's slurmd port (local labs only)
 */
public record LabConf(String text, List<String> nodes, Map<String, Integer> nodePorts) {

    /** The scenario's slurm.conf text as written. */
    public static String template(Scenario scenario) {
        try {
            return scenario.slurmConf() instanceof SlurmConfSource.Inline in ? in.text()
                    : Files.readString(((SlurmConfSource.File) scenario.slurmConf()).path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the slurm.conf of " + scenario.name(), e);
        }
    }

    /** Placeholders replaced, nothing else changed (nodes on machines of their own). */
    public static LabConf forMachines(String template, Path lab, String host, String ctldAddr) {
        String text = replace(template, lab, host, ctldAddr);
        List<String> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (key(line).equals("nodename")) {
                String name = line.strip().split("\\s+")[0];
                name = name.substring(name.indexOf('=') + 1);
                if (!name.equalsIgnoreCase("DEFAULT")) {
                    nodes.addAll(Hostlist.parse(name).names());
                }
            }
        }
        return new LabConf(text, nodes, Map.of());
    }

    /** Placeholders replaced and every daemon given a free port and files of its own on this machine. */
    public static LabConf localNodes(String template, Path lab, String host, String ctldAddr) {
        String text = replace(template, lab, host, ctldAddr);
        List<String> out = new ArrayList<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        FreePorts free = new FreePorts();
        out.add("# elastic-lab: every node's slurmd runs on this machine (ports, spool, log and PID files per node)");
        for (String line : text.split("\n", -1)) {
            String key = key(line);
            switch (key) {
                case "slurmctldport", "slurmdspooldir", "slurmdlogfile", "slurmdpidfile", "slurmdport" -> {
                    out.add("#" + line + "    # replaced for this lab");
                }
                case "nodename" -> {
                    String[] tokens = line.strip().split("\\s+");
                    String names = tokens[0].substring(tokens[0].indexOf('=') + 1);
                    if (names.equalsIgnoreCase("DEFAULT")) {
                        out.add(line);
                        continue;
                    }
                    StringBuilder rest = new StringBuilder();
                    for (int i = 1; i < tokens.length; i++) {
                        if (!tokens[i].toLowerCase(Locale.ROOT).startsWith("port=")) {
                            rest.append(' ').append(tokens[i]);
                        }
                    }
                    for (String node : Hostlist.parse(names).names()) {
                        int port = free.getAsInt();
                        ports.put(node, port);
                        out.add("NodeName=" + node + rest + " Port=" + port);
                    }
                }
                default -> out.add(line);
            }
        }
        out.add("SlurmctldPort=" + free.getAsInt());
        out.add("SlurmdSpoolDir=" + lab.resolve("spool/%n"));
        out.add("SlurmdLogFile=" + lab.resolve("log/slurmd-%n.log"));
        out.add("SlurmdPidFile=" + lab.resolve("run/slurmd-%n.pid"));
        return new LabConf(String.join("\n", out) + "\n", List.copyOf(ports.keySet()), ports);
    }

    private static String replace(String template, Path lab, String host, String ctldAddr) {
        return template.replace("$LAB", lab.toString()).replace("$HOST", host).replace("$CTLD_ADDR", ctldAddr);
    }

    private static String key(String line) {
        String s = line.strip();
        int eq = s.indexOf('=');
        return s.startsWith("#") || eq < 0 ? "" : s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    }

    /** The short host name of this machine (slurm.conf's {@code $HOST}). */
    public static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this machine's host name", e);
        }
    }
}
