package org.elasticslurm.fake.controller;

/**
 * What {@code slurm_job_node_ready} tells srun while it waits for booting nodes.
 *
 * @param nodesReady READY_NODE_STATE: no node of the job is powered down or powering up
 * @param jobRunning READY_JOB_STATE: the job is running (false: it was killed or revoked)
 * @param prologDone READY_PROLOG_STATE
 */
public record JobReadiness(boolean nodesReady, boolean jobRunning, boolean prologDone) {

    /** Whether srun may start its step. */
    public boolean ready() {
        return nodesReady && jobRunning && prologDone;
    }
}
