package org.elasticslurm.provisioner.pool;

import java.util.List;

/**
 * A pool after resolution against slurm.conf.
 *
 * @param name the pool name ({@code provisioner.pools.<name>})
 * @param mode how its machines are made
 * @param nodes its nodes, expanded, in hostlist order
 * @param postConfig its post-configuration (none when the command is empty)
 */
public record Pool(String name, PoolMode mode, List<String> nodes, PostConfig postConfig) {
    public Pool {
        nodes = List.copyOf(nodes);
    }
}
