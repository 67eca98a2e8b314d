package org.elasticslurm.provisioner.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;

/**
 * The node pools resolved against slurm.conf: which pool each provisionable node is in, and the CLOUD nodes
 * of slurm.conf. Immutable.
 */
public final class Pools {
    /** Name of the implicit pool used when no pool is configured. */
    public static final String DEFAULT_POOL = "default";

    private final Map<String, Pool> byName;
    private final Map<String, Pool> byNode;
    private final Set<String> cloudNodes;

    private Pools(Map<String, Pool> byName, Map<String, Pool> byNode, Set<String> cloudNodes) {
        this.byName = Collections.unmodifiableMap(byName);
        this.byNode = Collections.unmodifiableMap(byNode);
        this.cloudNodes = Collections.unmodifiableSet(cloudNodes);
    }

    /**
     * Resolves pool definitions against slurm.conf.
     *
     * @param configured {@code provisioner.pools} as configured (possibly empty)
     * @param implicitPool settings for the {@code default} pool used when {@code configured} is empty
     * @throws InvalidConfigException listing every bad hostlist, non-CLOUD node and node in two pools
     */
    public static Pools resolve(Map<String, PoolDefinition> configured, PoolDefinition implicitPool, SlurmConf conf) {
        Set<String> cloud = new java.util.LinkedHashSet<>();
        for (NodeDefinition n : conf.cloudNodes()) {
            cloud.add(n.name());
        }
        Map<String, PoolDefinition> definitions = configured.isEmpty() ? Map.of(DEFAULT_POOL, implicitPool) : configured;
        List<String> problems = new ArrayList<>();
        Map<String, Pool> byName = new LinkedHashMap<>();
        Map<String, Pool> byNode = new LinkedHashMap<>();
        for (Map.Entry<String, PoolDefinition> e : new java.util.TreeMap<>(definitions).entrySet()) {
            String key = "provisioner.pools." + e.getKey() + ".nodes";
            List<String> nodes;
            try {
                nodes = e.getValue().nodes().map(h -> Hostlist.parse(h).names()).orElse(List.copyOf(cloud));
            } catch (HostlistException ex) {
                problems.add(key + ": not a valid hostlist: " + ex.getMessage());
                continue;
            }
            List<String> notCloud = nodes.stream().filter(n -> !cloud.contains(n)).toList();
            if (!notCloud.isEmpty()) {
                problems.add(key + ": must name State=CLOUD nodes of " + conf.source() + ", but these are not: "
                        + String.join(",", notCloud));
            }
            Pool pool = new Pool(e.getKey(), e.getValue().mode(), nodes, e.getValue().postConfig());
            byName.put(pool.name(), pool);
            for (String node : nodes) {
                Pool previous = byNode.putIfAbsent(node, pool);
                if (previous != null && previous != pool) {
                    problems.add(key + ": node " + node + " is already in pool " + previous.name()
                            + " (a node belongs to at most one pool)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Pools(byName, byNode, cloud);
    }

    /** The pool holding a node, if any. */
    public Optional<Pool> poolOf(String node) {
        return Optional.ofNullable(byNode.get(node));
    }

    /** A pool by name. */
    public Optional<Pool> pool(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every pool, by name. */
    public Map<String, Pool> all() {
        return byName;
    }

    /** The {@code State=CLOUD} nodes of slurm.conf, in order of definition. */
    public Set<String> cloudNodes() {
        return cloudNodes;
    }

    /** Every node that belongs to a pool, in pool order. */
    public Set<String> poolNodes() {
        return byNode.keySet();
    }
}
