package org.elasticslurm.provisioner.operation;

/** Where a node's machine stands, as the provisioner sees it. */
public enum Phase {
    /** No machine runs for the node. */
    POWERED_DOWN,
    /** The machine is being created or started. */
    CREATING,
    /** The machine runs; waiting for its address. */
    BOOTING,
    /** The machine has its address; the pool's post-config command runs. */
    CONFIGURING,
    /** The machine runs and Slurm has been told its address. */
    READY,
    /** The machine is being shut down or destroyed. */
    DESTROYING,
    /**
     * The last operation failed (see the last error); whatever was left has been cleaned up, unless the clean-up
     * failed too (named in the error): then the next suspend or resume-fail releases what is left. A restart keeps
     * the node FAILED.
     */
    FAILED
}
