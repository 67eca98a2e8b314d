package org.elasticslurm.provisioner.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The MAC address of every node's machine, fixed before any machine exists.
 *
 * <p>Scheme: a node named in its pool's static map (a hosts-file line whose host name is the node) gets that
 * line's MAC. Any other node gets {@code <pool prefix>:xx:yy:zz} where {@code xx:yy:zz} are the first three bytes
 * of SHA-256({@code "<pool>/<node>"}). When that MAC is already taken (by a static entry naming a host, or by a
 * node placed earlier in the order pools by name, nodes in hostlist order), the input becomes
 * {@code "<pool>/<node>#1"}, {@code "#2"}, ... until it is free. The same configuration therefore always yields the
 * same MACs; a created domain keeps the MAC of its definition even if the configuration changes later.
 *
 * <p>The plan follows the static maps: when a pool's hosts file is read again with new reservations (see
 * {@link StaticAddressMap}), the MACs are assigned again, so a reservation added while the service runs gives the
 * node named in it that MAC from its next creation on. Thread-safe.
 */
public final class MacAddressPlan {
    private static final Logger LOG = Logger.getLogger(MacAddressPlan.class);
    private static final Pattern PREFIX = Pattern.compile("(?i)[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}");

    /**
     * A pool's nodes and MAC settings.
     *
     * @param pool pool name
     * @param prefix first three octets ({@code 52:54:00})
     * @param nodes nodes in hostlist order
     * @param pinned the pool's static map
     */
    public record PoolNodes(String pool, String prefix, List<String> nodes, StaticAddressMap pinned) {
        /** Checks the prefix: three hex octets, unicast. */
        public PoolNodes {
            nodes = List.copyOf(nodes);
            requirePrefix(prefix);
        }
    }

    private record Assignment(List<Long> generations, Map<String, String> macOfNode) {
    }

    private final List<PoolNodes> pools;
    private volatile Assignment assignment;

    private MacAddressPlan(List<PoolNodes> pools) {
        this.pools = pools.stream().sorted(java.util.Comparator.comparing(PoolNodes::pool)).toList();
        this.assignment = compute(this.pools, generations(this.pools));
    }

    /** Assigns MACs to every node of every pool (and again whenever a pool's static map changes). */
    public static MacAddressPlan assign(List<PoolNodes> pools) {
        return new MacAddressPlan(pools);
    }

    private static List<Long> generations(List<PoolNodes> pools) {
        return pools.stream().map(p -> p.pinned().generation()).toList();
    }

    private Map<String, String> current() {
        Assignment a = assignment;
        List<Long> now = generations(pools);
        if (now.equals(a.generations())) {
            return a.macOfNode();
        }
        synchronized (this) {
            if (!assignment.generations().equals(now)) {
                Assignment fresh = compute(pools, now);
                fresh.macOfNode().forEach((node, mac) -> {
                    String before = assignment.macOfNode().get(node);
                    if (!mac.equals(before)) {
                        LOG.infof("node %s: MAC %s from now on (was %s), after a static map changed", node, mac,
                                before);
                    }
                });
                assignment = fresh;
            }
            return assignment.macOfNode();
        }
    }

    private static Assignment compute(List<PoolNodes> ordered, List<Long> generations) {
        Set<String> taken = new HashSet<>();
        Map<String, String> result = new LinkedHashMap<>();
        for (PoolNodes p : ordered) {
            for (StaticAddressMap.Entry e : p.pinned().entries()) {
                if (e.hostname().isPresent()) {
                    taken.add(e.mac()); // reserved for that host; entries without a name serve whoever has the MAC
                }
            }
        }
        for (PoolNodes p : ordered) {
            for (String node : p.nodes()) {
                Optional<String> pinned = p.pinned().macOfHost(node);
                if (pinned.isPresent()) {
                    result.put(node, pinned.get());
                    continue;
                }
                String mac = candidate(p.prefix(), p.pool(), node, 0);
                for (int attempt = 1; taken.contains(mac); attempt++) {
                    mac = candidate(p.prefix(), p.pool(), node, attempt);
                }
                taken.add(mac);
                result.put(node, mac);
            }
        }
        return new Assignment(generations, Map.copyOf(result));
    }

    /** The candidate MAC of a node for an attempt (0 = first choice). */
    static String candidate(String prefix, String pool, String node, int attempt) {
        String input = pool + "/" + node + (attempt == 0 ? "" : "#" + attempt);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            HexFormat hex = HexFormat.ofDelimiter(":");
            return prefix.toLowerCase() + ":" + hex.formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The MAC of a node's machine. */
    public String macOf(String node) {
        String mac = current().get(node);
        if (mac == null) {
            throw new IllegalArgumentException("node " + node + " is in no libvirt pool");
        }
        return mac;
    }

    /** Every node with its MAC. */
    public Map<String, String> all() {
        return current();
    }

    static void requirePrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("mac-prefix '" + prefix + "' must be three hex octets like 52:54:00");
        }
        if ((Integer.parseInt(prefix.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException("mac-prefix '" + prefix + "' is a multicast prefix (the first octet"
                    + " must be even)");
        }
    }
}
