package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.PartitionDefinition;
import org.elasticslurm.conf.SlurmConf;

/** The nodes and partitions of slurm.conf as the controller's table (read_slurm_conf's part for them). */
final class ConfiguredNodes {

    private ConfiguredNodes() {
    }

    /** Whether both configurations define the same nodes and the same partitions of them. */
    static boolean sameLayout(SlurmConf a, SlurmConf b) {
        List<String> na = a.nodes().stream().map(NodeDefinition::name).toList();
        List<String> nb = b.nodes().stream().map(NodeDefinition::name).toList();
        if (!na.equals(nb)) {
            return false;
        }
        Map<String, List<String>> pa = new HashMap<>();
        a.partitions().forEach(p -> pa.put(p.name(), p.nodes()));
        Map<String, List<String>> pb = new HashMap<>();
        b.partitions().forEach(p -> pb.put(p.name(), p.nodes()));
        return pa.equals(pb);
    }

    /** The node table of {@code conf}: nodes in configuration order, partitions, initial states and bitmaps. */
    static NodeTable build(SlurmConf conf) {
        List<NodeRecord> records = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (NodeDefinition d : conf.nodes()) {
            if (index.containsKey(d.name())) {
                throw new IllegalArgumentException(d.location() + ": node " + d.name() + " is defined twice");
            }
            int i = records.size();
            NodeRecord n = new NodeRecord(i, d.name(), d.cpus(), d.realMemory(), d.weight(), d.port().orElse(0),
                    d.nodeAddr(), d.nodeHostName());
            n.setState(initialState(d));
            records.add(n);
            index.put(d.name(), i);
        }
        List<PartitionRecord> partitions = new ArrayList<>();
        for (PartitionDefinition p : conf.partitions()) {
            int[] members = new int[p.nodes().size()];
            for (int k = 0; k < members.length; k++) {
                Integer i = index.get(p.nodes().get(k));
                if (i == null) {
                    throw new IllegalArgumentException(p.location() + ": partition " + p.name()
                            + " names node " + p.nodes().get(k) + ", which no NodeName line defines");
                }
                members[k] = i;
            }
            partitions.add(new PartitionRecord(partitions.size(), p.name(), p.isDefault(), p.state(), p.maxTime(),
                    members));
        }
        NodeTable table = new NodeTable(records, partitions);
        for (NodeRecord n : records) {
            if (n.isIdle() || n.isAllocated()) {
                if (!n.is(NodeState.DRAIN) && !n.is(NodeState.FAIL) && !n.is(NodeState.NO_RESPOND)) {
                    table.makeAvail(n);
                }
            }
            if (n.is(NodeState.POWERED_DOWN)) {
                table.setPower(n, true);
            }
        }
        return table;
    }

    /** state_str2int for the configured State=. */
    private static int initialState(NodeDefinition d) {
        String s = d.state().toUpperCase(Locale.ROOT);
        switch (s) {
            case "UNKNOWN":
                return NodeState.UNKNOWN;
            case "DOWN":
                return NodeState.DOWN;
            case "IDLE":
                return NodeState.IDLE;
            case "ALLOCATED":
                return NodeState.ALLOCATED;
            case "MIXED":
                return NodeState.MIXED;
            case "FUTURE":
                return NodeState.FUTURE;
            default:
                break;
        }
        if (s.startsWith("CLOUD")) {
            return NodeState.IDLE | NodeState.CLOUD | NodeState.POWERED_DOWN;
        }
        if (s.startsWith("DRAIN")) {
            return NodeState.UNKNOWN | NodeState.DRAIN;
        }
        if (s.startsWith("FAIL")) {
            return NodeState.IDLE | NodeState.FAIL;
        }
        throw new IllegalArgumentException(d.location() + ": node " + d.name() + " has invalid state " + d.state());
    }
}
