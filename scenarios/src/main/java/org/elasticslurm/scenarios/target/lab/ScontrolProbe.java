package org.elasticslurm.scenarios.target.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.scontrol.ScontrolShow;
import org.elasticslurm.conf.scontrol.ShownNode;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * A slurmctld asked through {@code scontrol show node} / {@code scontrol show job -o} (Debian's, or fake-slurmctld's
 * drop-in, which prints the same), optionally inside a lab namespace.
 */
public final class ScontrolProbe implements ControllerProbe {
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
    public Map<String, NodeState> nodeStates() {
        return states(run("show", "node").stdout(), nodes);
    }

    @Override
    public Map<Long, String> jobs() {
        Map<Long, String> out = new LinkedHashMap<>();
        ScontrolShow.jobs(run("show", "job", "-o").stdout()).stream()
                .filter(j -> j.record().value("JobState").isPresent()).forEach(j -> out.put(j.id(), j.state()));
        return out;
    }

    /**
     * The states {@code scontrol show node} output shows for the configured {@code nodes}, in their order (a node it
     * does not list, such as a hidden powered-down CLOUD node, is left out).
     *
     * @throws TargetException naming the node whose {@code State=} Slurm 22.05 does not have
     */
    public static Map<String, NodeState> states(String showNodeOutput, List<String> nodes) {
        Map<String, ShownNode> listed = new LinkedHashMap<>();
        ScontrolShow.nodes(showNodeOutput).stream().filter(n -> n.record().value("State").isPresent())
                .forEach(n -> listed.put(n.name(), n));
        Map<String, NodeState> out = new LinkedHashMap<>();
        for (String node : nodes) {
            ShownNode shown = listed.get(node);
            if (shown != null) {
                try {
                    out.put(node, shown.state());
                } catch (IllegalArgumentException e) {
                    throw new TargetException("slurmctld showed a state Slurm 22.05 does not have: " + e.getMessage(),
                            e);
                }
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
