package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.StringTokenizer;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.SuspendExcNodes;
import org.elasticslurm.conf.SuspendExclusion;

/**
 * SuspendExcNodes and SuspendExcParts as 22.05 reads them at the first scan after a (re)configuration
 * ({@code _parse_exc_nodes}, read by slurm-conf's {@link SuspendExcNodes}) and applies them at every scan
 * ({@code _pick_exc_nodes}).
 *
 * <p>Without ':' the whole value is one node list. With ':' it alternates node list ':' count ','; a set
 * without a count keeps all of its nodes. At each scan a counted set keeps the first N nodes (by index) that
 * are IDLE and neither COMPLETING, DOWN, DRAIN, POWERING_UP, POWERED_DOWN nor POWERING_DOWN.
 */
final class SuspendExclusions {

    private record Partial(int count, BitSet nodes) {
    }

    private final BitSet fixed = new BitSet();
    private final List<Partial> partials = new ArrayList<>();
    private SuspendStateExclusion states = SuspendStateExclusion.NONE;

    /** Forgets the parsed values (a new configuration is parsed at the next first scan). */
    void clear() {
        fixed.clear();
        partials.clear();
    }

    /** Keeps the nodes in these states too (SuspendExcStates, read when power saving starts). */
    void keepStates(SuspendStateExclusion exclusion) {
        this.states = exclusion;
    }

    /** Parses both values, logging what 22.05 logs. */
    void parse(String excNodes, String excParts, NodeTable nodes, ControllerLog log) {
        clear();
        if (excNodes != null) {
            parseNodes(excNodes, nodes, log);
        }
        if (excParts != null) {
            StringTokenizer parts = new StringTokenizer(excParts, ",");
            while (parts.hasMoreTokens()) {
                String name = parts.nextToken();
                var partition = nodes.partition(name);
                if (partition.isEmpty()) {
                    log.error("Invalid SuspendExcPart " + name + " ignored");
                } else {
                    fixed.or(partition.get().nodes);
                }
            }
        }
        if (!fixed.isEmpty()) {
            log.power(() -> "excluded nodes " + compress(nodes, fixed));
        }
        for (Partial p : partials) {
            log.power(() -> "exclude " + p.count + " nodes from " + compress(nodes, p.nodes));
        }
    }

    /** The nodes not to suspend for idleness at this scan, those kept for their state included. */
    BitSet avoid(NodeTable nodes, ControllerLog log) {
        BitSet avoid = new BitSet();
        for (Partial p : partials) {
            int available = p.nodes.cardinality();
            if (p.count >= available) {
                avoid.or(p.nodes);
            } else {
                int left = p.count;
                for (int i = p.nodes.nextSetBit(0); i >= 0; i = p.nodes.nextSetBit(i + 1)) {
                    NodeRecord n = nodes.get(i);
                    if (!n.isIdle() || n.is(NodeState.COMPLETING) || n.isDown() || n.is(NodeState.DRAIN)
                            || n.is(NodeState.POWERING_UP) || n.is(NodeState.POWERED_DOWN)
                            || n.is(NodeState.POWERING_DOWN)) {
                        continue;
                    }
                    avoid.set(i);
                    if (--left <= 0) {
                        break;
                    }
                }
            }
            log.power(() -> "excluded nodes " + compress(nodes, avoid));
        }
        avoid.or(fixed);
        states.addKept(nodes, avoid);
        return avoid;
    }

    boolean isEmpty() {
        return fixed.isEmpty() && partials.isEmpty();
    }

    /** SuspendExcNodes read by slurm-conf's {@link SuspendExcNodes}: a plain list is fixed, counted lists are partial. */
    private void parseNodes(String value, NodeTable nodes, ControllerLog log) {
        SuspendExcNodes read = SuspendExcNodes.read(value, NodeTable.names(Arrays.asList(nodes.array())));
        read.errors().forEach(e -> log.error(e.line()));
        boolean counted = value.indexOf(':') >= 0;
        for (SuspendExclusion exclusion : read.exclusions()) {
            BitSet set = new BitSet();
            exclusion.nodes().names().forEach(name -> nodes.find(name).ifPresent(n -> set.set(n.index)));
            if (counted) {
                partials.add(new Partial(exclusion.count().orElse(set.cardinality()), set));
            } else {
                fixed.or(set);
            }
        }
    }

    private static String compress(NodeTable nodes, BitSet bits) {
        return Hostlist.of(nodes.names(bits)).compressSorted();
    }
}
