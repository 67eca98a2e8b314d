package org.elasticslurm.provisioner.operation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.provisioner.pool.Pools;

/**
 * Turns a request's hostlist into node names this provisioner may act on, or refuses the whole request:
 * every name must be a {@code State=CLOUD} node of slurm.conf that belongs to a pool.
 */
public final class NodeSelector {
    private static final int MAX_NAMES_SHOWN = 20;

    private final Pools pools;
    private final int maxNodes;

    /**
     * @param pools the resolved pools and CLOUD nodes
     * @param maxNodes largest number of names one request may expand to
     */
    public NodeSelector(Pools pools, int maxNodes) {
        this.pools = pools;
        this.maxNodes = maxNodes;
    }

    /**
     * The distinct names of the expression, in order.
     *
     * @throws RequestRejectedException naming the hostlist error, or every name that is not provisionable
     */
    public List<String> select(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new RequestRejectedException(RequestRejectedException.Reason.MALFORMED,
                    "nodes: a non-empty Slurm hostlist expression is required (e.g. \"test[1-3]\")");
        }
        Hostlist hostlist;
        try {
            long count = Hostlist.count(expression); // from the ranges: nothing is expanded before this check
            if (count > maxNodes) {
                throw new RequestRejectedException(RequestRejectedException.Reason.MALFORMED,
                        "nodes: the hostlist expands to " + count + " names, more than"
                                + " provisioner.max-nodes-per-request (" + maxNodes + ")");
            }
            hostlist = Hostlist.parse(expression);
        } catch (HostlistException e) {
            throw new RequestRejectedException(RequestRejectedException.Reason.MALFORMED,
                    "nodes: not a valid hostlist: " + Printable.of(e.getMessage()));
        }
        if (hostlist.size() == 0) {
            throw new RequestRejectedException(RequestRejectedException.Reason.MALFORMED,
                    "nodes: the hostlist names no node");
        }
        if (hostlist.size() > maxNodes) {
            throw new RequestRejectedException(RequestRejectedException.Reason.MALFORMED,
                    "nodes: the hostlist names " + hostlist.size() + " nodes, more than provisioner.max-nodes-per-request ("
                            + maxNodes + ")");
        }
        Set<String> names = new LinkedHashSet<>(hostlist.names());
        List<String> notCloud = new ArrayList<>();
        List<String> noPool = new ArrayList<>();
        for (String n : names) {
            if (!pools.cloudNodes().contains(n)) {
                notCloud.add(n);
            } else if (pools.poolOf(n).isEmpty()) {
                noPool.add(n);
            }
        }
        if (!notCloud.isEmpty() || !noPool.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!notCloud.isEmpty()) {
                parts.add("not State=CLOUD nodes of slurm.conf: " + shown(notCloud));
            }
            if (!noPool.isEmpty()) {
                parts.add("CLOUD nodes in no provisioner.pools.*.nodes: " + shown(noPool));
            }
            throw new RequestRejectedException(RequestRejectedException.Reason.NOT_PROVISIONABLE,
                    "nodes: only CLOUD nodes of a provisioner pool can be resumed or suspended; "
                            + String.join("; ", parts) + " (nothing was done)");
        }
        return List.copyOf(names);
    }

    private static String shown(List<String> names) {
        List<String> head = names.stream().limit(MAX_NAMES_SHOWN).map(Printable::of).toList();
        String more = names.size() > MAX_NAMES_SHOWN ? " and " + (names.size() - MAX_NAMES_SHOWN) + " more" : "";
        return String.join(", ", head) + more;
    }
}
