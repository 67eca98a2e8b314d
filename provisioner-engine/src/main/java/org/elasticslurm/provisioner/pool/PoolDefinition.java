package org.elasticslurm.provisioner.pool;

import java.util.Optional;

/**
 * One pool as configured, before resolution against slurm.conf.
 *
 * @param nodes the pool's nodes as a Slurm hostlist expression; empty = every CLOUD node
 * @param mode how its machines are made
 * @param postConfig its post-configuration
 */
public record PoolDefinition(Optional<String> nodes, PoolMode mode, PostConfig postConfig) {
}
