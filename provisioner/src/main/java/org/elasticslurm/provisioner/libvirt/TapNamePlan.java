package org.elasticslurm.provisioner.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tap device name of every node's machine in pools whose interface is of type {@code ethernet}, fixed before
 * any machine exists.
 *
 * <p>Scheme: {@code <tap prefix>} followed by the first hex digits of SHA-256({@code "<pool>/<node>"}), as many
 * as fit into Linux's 15 characters of an interface name (12 for the prefix {@code esl}). When that name is
 * already taken by a node placed earlier (pools by name, nodes in hostlist order), the input becomes
 * {@code "<pool>/<node>#1"}, {@code "#2"}, ... until it is free. The same configuration always yields the same
 * names.
 */
public final class TapNamePlan {
    /** Linux's limit for interface names (IFNAMSIZ - 1). */
    public static final int MAX_LENGTH = 15;
    /** The fewest hex digits a name carries, so that names stay distinct. */
    public static final int MIN_HEX = 6;
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0," + (MAX_LENGTH - MIN_HEX - 1) + "}");

    /**
     * A pool's nodes and tap prefix.
     *
     * @param pool pool name
     * @param prefix tap name prefix
     * @param nodes nodes in hostlist order
     */
    public record PoolNodes(String pool, String prefix, List<String> nodes) {
        /** Checks the prefix. */
        public PoolNodes {
            nodes = List.copyOf(nodes);
            requirePrefix(prefix);
        }
    }

    private final Map<String, String> tapOfNode;

    private TapNamePlan(Map<String, String> tapOfNode) {
        this.tapOfNode = Map.copyOf(tapOfNode);
    }

    /** Assigns tap names to every node of every pool. */
    public static TapNamePlan assign(List<PoolNodes> pools) {
        Set<String> taken = new HashSet<>();
        Map<String, String> result = new LinkedHashMap<>();
        for (PoolNodes p : pools.stream().sorted(Comparator.comparing(PoolNodes::pool)).toList()) {
            for (String node : p.nodes()) {
                String tap = candidate(p.prefix(), p.pool(), node, 0);
                for (int attempt = 1; taken.contains(tap); attempt++) {
                    tap = candidate(p.prefix(), p.pool(), node, attempt);
                }
                taken.add(tap);
                result.put(node, tap);
            }
        }
        return new TapNamePlan(result);
    }

    /** The candidate name of a node for an attempt (0 = first choice). */
    static String candidate(String prefix, String pool, String node, int attempt) {
        String input = pool + "/" + node + (attempt == 0 ? "" : "#" + attempt);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(hash).substring(0, MAX_LENGTH - prefix.length());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The tap name of a node's machine. */
    public String tapOf(String node) {
        String tap = tapOfNode.get(node);
        if (tap == null) {
            throw new IllegalArgumentException("node " + node + " is in no pool with an ethernet interface");
        }
        return tap;
    }

    /** Every node with its tap name. */
    public Map<String, String> all() {
        return tapOfNode;
    }

    /**
     * Checks a tap prefix: a lower-case letter, then lower-case letters or digits, at most
     * {@code MAX_LENGTH - MIN_HEX} (9) characters, not starting with a prefix libvirt reserves ({@code vnet},
     * {@code vif}, {@code macvtap}, {@code macvlan}).
     */
    static void requirePrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tap-prefix '" + prefix + "' must be a lower-case letter followed by"
                    + " lower-case letters or digits, at most " + (MAX_LENGTH - MIN_HEX) + " characters (the rest of"
                    + " the " + MAX_LENGTH + "-character interface name is hex of a hash)");
        }
        for (String reserved : List.of("vnet", "vif", "macvtap", "macvlan")) {
            if (prefix.startsWith(reserved)) {
                throw new IllegalArgumentException("tap-prefix '" + prefix + "' starts with '" + reserved + "', which"
                        + " libvirt reserves for names it generates itself");
            }
        }
    }
}
