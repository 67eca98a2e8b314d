package org.elasticslurm.fake.controller;

/** Slurm error codes a client can get back, with slurm_strerror's text. */
public enum SlurmError {
    /** ESLURM_INVALID_PARTITION_NAME. */
    INVALID_PARTITION_NAME("Invalid partition name specified"),
    /** ESLURM_DEFAULT_PARTITION_NOT_SET. */
    DEFAULT_PARTITION_NOT_SET("No partition specified or system default partition"),
    /** ESLURM_REQUESTED_NODES_NOT_IN_PARTITION. */
    REQUESTED_NODES_NOT_IN_PARTITION("Requested nodes not in this partition"),
    /** ESLURM_INVALID_NODE_COUNT. */
    INVALID_NODE_COUNT("Node count specification invalid"),
    /** ESLURM_REQUESTED_NODE_CONFIG_UNAVAILABLE. */
    REQUESTED_NODE_CONFIG_UNAVAILABLE("Requested node configuration is not available"),
    /** ESLURM_NODES_BUSY. */
    NODES_BUSY("Requested nodes are busy"),
    /** ESLURM_INVALID_JOB_ID. */
    INVALID_JOB_ID("Invalid job id specified"),
    /** ESLURM_INVALID_NODE_NAME. */
    INVALID_NODE_NAME("Invalid node name specified"),
    /** ESLURM_ALREADY_DONE. */
    ALREADY_DONE("Job/step already completing or completed"),
    /** ESLURM_INVALID_NODE_STATE. */
    INVALID_NODE_STATE("Invalid node state specified"),
    /** ESLURM_INVALID_POWER_ACTION (26.05: power work while automatic power save is disabled). */
    INVALID_POWER_ACTION("Invalid power action"),
    /** ESLURM_NOT_SUPPORTED (reconfigure with a different node set). */
    NOT_SUPPORTED("Requested operation not supported on this system");

    private final String message;

    SlurmError(String message) {
        this.message = message;
    }

    /** slurm_strerror's text. */
    public String message() {
        return message;
    }
}
