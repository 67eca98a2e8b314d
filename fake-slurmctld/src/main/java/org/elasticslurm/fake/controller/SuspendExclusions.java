package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.StringTokenizer;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;

/**
 * SuspendExcNodes and SuspendExcParts as 22.05 reads them at the first scan after a (re)configuration
 * ({@code _parse_exc_nodes}) and applies them at every scan ({@code _pick_exc_nodes}).
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

    /** Forgets the parsed values (a new configuration is parsed at the next first scan). */
    void clear() {
        fixed.clear();
        partials.clear();
    }

    /** Parses both values, logging what 22.05 logs. */
    void parse(String excNodes, String excParts, NodeTable nodes, ControllerLog log) {
        clear();
        if (excNodes != null && !parseNodes(excNodes, nodes, log)) {
            log.error("Invalid SuspendExcNodes " + excNodes + " ignored");
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

    /** The nodes not to suspend for idleness at this scan. */
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
        return avoid;
    }

    boolean isEmpty() {
        return fixed.isEmpty() && partials.isEmpty();
    }

    private boolean parseNodes(String value, NodeTable nodes, ControllerLog log) {
        if (value.indexOf(':') < 0) {
            return nodeNames(value, nodes, log, fixed);
        }
        List<Partial> parsed = new ArrayList<>();
        Strtok tok = new Strtok(value);
        String list = tok.next(":");
        while (list != null) {
            BitSet set = new BitSet();
            if (!nodeNames(list, nodes, log, set)) {
                return false;
            }
            String countText = tok.next(",");
            int count;
            if (countText != null) {
                try {
                    count = Integer.parseInt(countText);
                } catch (NumberFormatException e) {
                    return false;
                }
                if (count < 1 || count > set.cardinality()) {
                    return false;
                }
            } else {
                count = set.cardinality();
            }
            parsed.add(new Partial(count, set));
            list = tok.next(":");
        }
        partials.addAll(parsed);
        return true;
    }

    /** node_name2bitmap: sets the known nodes; false when any name is malformed or unknown. */
    private static boolean nodeNames(String expression, NodeTable nodes, ControllerLog log, BitSet into) {
        Hostlist list;
        try {
            list = Hostlist.parse(expression);
        } catch (HostlistException e) {
            log.error("hostlist_create on " + expression + " error:");
            return false;
        }
        boolean ok = true;
        for (String name : list.names()) {
            var node = nodes.find(name);
            if (node.isPresent()) {
                into.set(node.get().index);
            } else {
                log.error("node_name2bitmap: invalid node specified: \"" + name + "\"");
                ok = false;
            }
        }
        return ok;
    }

    private static String compress(NodeTable nodes, BitSet bits) {
        return Hostlist.of(nodes.names(bits)).compressSorted();
    }

    /** strtok_r over one string with changing delimiters. */
    private static final class Strtok {
        private final String s;
        private int pos;

        Strtok(String s) {
            this.s = s;
        }

        String next(String delims) {
            while (pos < s.length() && delims.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos >= s.length()) {
                return null;
            }
            int start = pos;
            while (pos < s.length() && delims.indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String token = s.substring(start, pos);
            if (pos < s.length()) {
                pos++;
            }
            return token;
        }
    }
}
