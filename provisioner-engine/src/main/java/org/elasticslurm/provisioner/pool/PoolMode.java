package org.elasticslurm.provisioner.pool;

/** How a pool gets machines for its nodes. */
public enum PoolMode {
    /** Level 2: a machine (domain) per node already exists; resume starts it, suspend shuts it down. */
    EXISTING,
    /** Level 3: resume creates a machine from the pool's base image; suspend destroys it and its volumes. */
    CREATE
}
