package org.elasticslurm.provisioner.config;

import java.util.List;

/**
 * A pool after resolution against slurm.conf.
 *
 * @param name the pool name ({@code provisioner.pools.<name>})
 * @param mode how its machines are made
 * @param nodes its nodes, expanded, in hostlist order
 * @param settings its configuration as written (post-config, libvirt keys)
 */
public record Pool(String name, PoolMode mode, List<String> nodes, PoolConfig settings) {
    public Pool {
        nodes = List.copyOf(nodes);
    }
}
