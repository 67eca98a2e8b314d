package org.elasticslurm.scenarios.target.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.fake.reference.CommandResult;
import org.elasticslurm.fake.reference.NodeStates;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * A slurmctld asked through {@code scontrol show node} / {@code scontrol show job -o} (Debian's, or fake-slurmctld's
 * drop-in, which prints the same), optionally inside a lab namespace.
 */
public final class ScontrolProbe implements ControllerProbe {
    private static final Pattern JOB = Pattern.compile("(?:^|\\s)JobId=(\\d+)\\s.*?(?:^|\\s)JobState=(\\S+)");

    private final List<String> scontrol;
    private final Map<String, String> environment;
    private final List<String> nodes;

    /**
     * @param scontrol the argument vector that runs scontrol (with {@code ip netns exec NS} in front, if so)
     * @param environment its environment (SLURM_CONF ...)
     * @param nodes slurm.conf's nodes
     */
    public ScontrolProbe(List<String> scontrol, Map<String, String> environment, List<String> nodes) {
        this.scontrol = List.copyOf(scontrol);
        this.environment = Map.copyOf(environment);
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public Map<String, String> nodeStates() {
        CommandResult r = run("show", "node");
        Map<String, String> out = new LinkedHashMap<>();
        NodeStates.parse(r.stdout(), nodes).forEach((n, s) -> {
            if (!s.equals(NodeStates.NOT_FOUND)) {
                out.put(n, s);
            }
        });
        return out;
    }

    @Override
    public Map<Long, String> jobs() {
        CommandResult r = run("show", "job", "-o");
        Map<Long, String> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = JOB.matcher(line);
            if (m.find()) {
                out.put(Long.parseLong(m.group(1)), m.group(2));
            }
        }
        return out;
    }

    private CommandResult run(String... args) {
        List<String> cmd = new ArrayList<>(scontrol);
        cmd.addAll(List.of(args));
        CommandResult r = CommandResult.run(cmd, environment, java.nio.file.Path.of("/"),
                java.time.Duration.ofSeconds(20));
        if (r.exitCode() != 0 && !r.stdout().contains("No jobs")) {
            throw new TargetException("scontrol " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip(), null);
        }
        return r;
    }
}
