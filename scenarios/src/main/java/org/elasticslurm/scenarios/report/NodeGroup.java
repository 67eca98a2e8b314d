package org.elasticslurm.scenarios.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * Nodes whose timelines are identical (the same states at the same times), shown as one: a 1,000-node burst
 * reads as a few groups ({@code test[1-300]}) instead of a thousand equal lines.
 *
 * @param name the nodes as a sorted, compressed hostlist ({@code test[1-10,12]})
 * @param nodes the nodes, in order of first appearance
 * @param changes the timeline they share, with the first node's name in each change
 */
public record NodeGroup(String name, List<String> nodes, List<StateChange> changes) {

    public NodeGroup {
        nodes = List.copyOf(nodes);
        changes = List.copyOf(changes);
    }

    /** How many nodes share this timeline. */
    public int size() {
        return nodes.size();
    }

    /** Groups nodes by identical timeline, groups in order of their first node's first appearance. */
    public static List<NodeGroup> of(Map<String, List<StateChange>> byNode) {
        Map<List<Point>, List<String>> groups = new LinkedHashMap<>();
        Map<List<Point>, List<StateChange>> timelines = new LinkedHashMap<>();
        for (Map.Entry<String, List<StateChange>> e : byNode.entrySet()) {
            List<Point> key = new ArrayList<>(e.getValue().size());
            for (StateChange c : e.getValue()) {
                key.add(new Point(c.at(), c.state()));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getKey());
            timelines.putIfAbsent(key, e.getValue());
        }
        List<NodeGroup> out = new ArrayList<>(groups.size());
        groups.forEach((key, nodes) -> out.add(new NodeGroup(hostlist(nodes), nodes, timelines.get(key))));
        return out;
    }

    private static String hostlist(List<String> nodes) {
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        try {
            return Hostlist.of(nodes).compressSorted();
        } catch (HostlistException e) {
            return String.join(",", nodes);
        }
    }

    private record Point(Duration at, NodeState state) {
    }
}
