package org.elasticslurm.lab.real;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.lab.process.LabException;

/**
 * A slurm.conf template for a lab. {@code $LAB} becomes the lab directory and {@code $HOST} the machine's short
 * host name; {@code SlurmctldPort} (added if absent) and the {@code Port} of every {@code NodeName} line (added
 * if absent) get ports free on 127.0.0.1, so several labs and the shared traces' fixed ports never clash. Every
 * NodeName line other than {@code NodeName=DEFAULT} must name exactly one node, because each node's slurmd
 * runs on this machine with {@code -N NODE} on its own port.
 *
 * <p>The scenarios' labs that start their daemons themselves render it with {@link #renderLocalNodes} (every
 * daemon on this machine, hostlists allowed) or {@link #renderForMachines} (nodes on machines of their own); they
 * also replace {@code $CTLD_ADDR} by the address the nodes reach the controller at.
 */
public final class ConfTemplate {

    private static final Pattern SINGLE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*(\\d+)");
    /** Slurm's SlurmctldPort when slurm.conf sets none. */
    private static final int DEFAULT_SLURMCTLD_PORT = 6817;

    private final String source;
    private final String text;

    /**
     * @param source names the template in error messages (usually its path)
     * @param text   the template text
     */
    public ConfTemplate(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The template text as written. */
    public String text() {
        return text;
    }

    /** Renders the template for a lab, taking ports from {@code ports}. */
    public RenderedConf render(Path labDir, String host, IntSupplier ports) {
        String[] lines = text.replace("$LAB", labDir.toString()).replace("$HOST", host).split("\n", -1);
        List<String> out = new ArrayList<>();
        Map<String, Integer> nodePorts = new LinkedHashMap<>();
        int ctldPort = ports.getAsInt();
        boolean ctldPortSet = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String key = keyOf(line);
            if (key.equals("slurmctldport")) {
                out.add("SlurmctldPort=" + ctldPort);
                ctldPortSet = true;
            } else if (key.equals("nodename")) {
                out.add(renderNodeLine(line, i + 1, nodePorts, ports));
            } else {
                out.add(line);
            }
        }
        if (nodePorts.isEmpty()) {
            throw new LabException(source + ": no NodeName line: a lab needs at least one node");
        }
        if (!ctldPortSet) {
            int at = out.size() > 0 && out.get(out.size() - 1).isEmpty() ? out.size() - 1 : out.size();
            out.add(at, "SlurmctldPort=" + ctldPort);
        }
        return new RenderedConf(String.join("\n", ownPidFile(out, labDir)), List.copyOf(nodePorts.keySet()),
                ctldPort, nodePorts);
    }

    /** The short host name of this machine: what {@code $HOST} becomes in a lab here. */
    public static String localHost() {
        return LabDirectory.shortHostName();
    }

    /**
     * Renders the template for a lab whose node daemons run on machines of their own (VMs): {@code $LAB},
     * {@code $HOST} and {@code $CTLD_ADDR} replaced, the controller's PID file the lab's own ({@link #ownPidFile}),
     * nothing else changed; NodeName lines may name hostlists. The controller's port is the template's
     * {@code SlurmctldPort} (the first of a range), else Slurm's 6817.
     */
    public RenderedConf renderForMachines(Path labDir, String host, String ctldAddr) {
        String filled = String.join("\n", ownPidFile(List.of(fill(labDir, host, ctldAddr).split("\n", -1)), labDir));
        List<String> nodes = new ArrayList<>();
        int ctldPort = DEFAULT_SLURMCTLD_PORT;
        for (String line : filled.split("\n")) {
            String key = keyOf(line);
            if (key.equals("nodename")) {
                String name = line.strip().split("\\s+")[0];
                name = name.substring(name.indexOf('=') + 1);
                if (!name.equalsIgnoreCase("DEFAULT")) {
                    nodes.addAll(Hostlist.parse(name).names());
                }
            } else if (key.equals("slurmctldport")) {
                Matcher m = LEADING_NUMBER.matcher(line.substring(line.indexOf('=') + 1));
                ctldPort = m.lookingAt() ? Integer.parseInt(m.group(1)) : ctldPort;
            }
        }
        return new RenderedConf(filled, nodes, ctldPort, Map.of());
    }

    /**
     * Renders the template for a lab whose node daemons all run on this machine and are started by the caller:
     * {@code $LAB}, {@code $HOST} and {@code $CTLD_ADDR} replaced; every NodeName line (hostlists allowed) split
     * into one line per node with a port from {@code ports}; the template's {@code SlurmctldPort},
     * {@code SlurmdPort}, {@code SlurmdSpoolDir}, {@code SlurmdLogFile} and {@code SlurmdPidFile} commented out
     * and set anew at the end (a port from {@code ports}; spool, log and PID files per node under the lab), so
     * several labs and a site's own daemons never clash. As {@link #render}, it refuses a template without a
     * NodeName line or with a node defined twice.
     */
    public RenderedConf renderLocalNodes(Path labDir, String host, String ctldAddr, IntSupplier ports) {
        String filled = fill(labDir, host, ctldAddr);
        List<String> out = new ArrayList<>();
        Map<String, Integer> nodePorts = new LinkedHashMap<>();
        out.add("# elastic-lab: every node's slurmd runs on this machine (ports, spool, log and PID files per node)");
        String[] lines = filled.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            switch (keyOf(line)) {
                case "slurmctldport", "slurmdspooldir", "slurmdlogfile", "slurmdpidfile", "slurmdport" ->
                        out.add("#" + line + "    # replaced for this lab");
                case "nodename" -> splitNodeLine(line, i + 1, nodePorts, ports, out);
                default -> out.add(line);
            }
        }
        if (nodePorts.isEmpty()) {
            throw new LabException(source + ": no NodeName line: a lab needs at least one node");
        }
        int ctldPort = ports.getAsInt();
        out.add("SlurmctldPort=" + ctldPort);
        out.add("SlurmdSpoolDir=" + labDir.resolve("spool/%n"));
        out.add("SlurmdLogFile=" + labDir.resolve("log/slurmd-%n.log"));
        out.add("SlurmdPidFile=" + labDir.resolve("run/slurmd-%n.pid"));
        return new RenderedConf(String.join("\n", ownPidFile(out, labDir)) + "\n", List.copyOf(nodePorts.keySet()),
                ctldPort, nodePorts);
    }

    /**
     * The lines with the lab's own controller PID file. slurmctld reads the PID file it is configured with when it
     * starts and SIGTERMs the process named there ("killing old slurmctld"), so with a file outside the lab - Slurm's
     * default {@code /run/slurmctld.pid} when the template sets none - one lab's slurmctld ends another lab's, or the
     * site's own. A {@code SlurmctldPidFile} inside the lab directory is kept; any other is commented out, and
     * {@code SlurmctldPidFile=<lab>/slurmctld.pid} is added (before a last empty line).
     */
    static List<String> ownPidFile(List<String> lines, Path labDir) {
        List<String> out = new ArrayList<>();
        boolean inLab = false;
        for (String line : lines) {
            if (keyOf(line).equals("slurmctldpidfile")) {
                String value = line.substring(line.indexOf('=') + 1).strip().split("\\s+")[0];
                if (!value.isEmpty() && Path.of(value).normalize().startsWith(labDir)) {
                    inLab = true;
                    out.add(line);
                } else {
                    out.add("#" + line + "    # replaced for this lab: its PID file is the lab's own");
                }
            } else {
                out.add(line);
            }
        }
        if (!inLab) {
            int at = !out.isEmpty() && out.get(out.size() - 1).isEmpty() ? out.size() - 1 : out.size();
            out.add(at, "SlurmctldPidFile=" + labDir.resolve("slurmctld.pid"));
        }
        return out;
    }

    private void splitNodeLine(String line, int lineNo, Map<String, Integer> nodePorts, IntSupplier ports,
                               List<String> out) {
        String[] tokens = line.strip().split("\\s+");
        String names = tokens[0].substring(tokens[0].indexOf('=') + 1);
        if (names.equalsIgnoreCase("DEFAULT")) {
            out.add(line);
            return;
        }
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < tokens.length; i++) {
            if (!tokens[i].toLowerCase(Locale.ROOT).startsWith("port=")) {
                rest.append(' ').append(tokens[i]);
            }
        }
        for (String node : Hostlist.parse(names).names()) {
            if (nodePorts.containsKey(node)) {
                throw new LabException(source + ":" + lineNo + ": node " + node + " is defined twice");
            }
            int port = ports.getAsInt();
            nodePorts.put(node, port);
            out.add("NodeName=" + node + rest + " Port=" + port);
        }
    }

    private String fill(Path labDir, String host, String ctldAddr) {
        return text.replace("$LAB", labDir.toString()).replace("$HOST", host).replace("$CTLD_ADDR", ctldAddr);
    }

    private String renderNodeLine(String line, int lineNo, Map<String, Integer> nodePorts, IntSupplier ports) {
        String[] tokens = line.strip().split("\\s+");
        String name = tokens[0].substring(tokens[0].indexOf('=') + 1);
        if (name.equalsIgnoreCase("DEFAULT")) {
            return line;
        }
        if (!SINGLE_NAME.matcher(name).matches()) {
            throw new LabException(source + ":" + lineNo + ": NodeName=" + name
                    + " must name one node (one line per node, each slurmd gets its own port)");
        }
        if (nodePorts.containsKey(name)) {
            throw new LabException(source + ":" + lineNo + ": node " + name + " is defined twice");
        }
        int port = ports.getAsInt();
        nodePorts.put(name, port);
        StringBuilder rendered = new StringBuilder();
        boolean portSet = false;
        for (String token : tokens) {
            if (!rendered.isEmpty()) {
                rendered.append(' ');
            }
            if (token.toLowerCase(Locale.ROOT).startsWith("port=")) {
                rendered.append("Port=").append(port);
                portSet = true;
            } else {
                rendered.append(token);
            }
        }
        if (!portSet) {
            rendered.append(" Port=").append(port);
        }
        return rendered.toString();
    }

    private static String keyOf(String line) {
        String stripped = line.strip();
        int eq = stripped.indexOf('=');
        if (stripped.startsWith("#") || eq <= 0) {
            return "";
        }
        return stripped.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    }
}
