package org.elasticslurm.lab.real;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.elasticslurm.lab.process.LabException;

/**
 * A slurm.conf template for a lab. {@code $LAB} becomes the lab directory and {@code $HOST} the machine's short
 * host name; {@code SlurmctldPort} (added if absent) and the {@code Port} of every {@code NodeName} line (added
 * if absent) get ports free on 127.0.0.1, so several labs and the shared traces' fixed ports never clash. Every
 * NodeName line other than {@code NodeName=DEFAULT} must name exactly one node, because each node's slurmd
 * runs on this machine with {@code -N NODE} on its own port.
 */
public final class ConfTemplate {

    private static final Pattern SINGLE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

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
        return new RenderedConf(String.join("\n", out), List.copyOf(nodePorts.keySet()), ctldPort, nodePorts);
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
