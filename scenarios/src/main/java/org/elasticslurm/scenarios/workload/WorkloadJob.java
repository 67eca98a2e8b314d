package org.elasticslurm.scenarios.workload;

import java.time.Duration;

/**
 * One job of a workload.
 *
 * @param id job number
 * @param submit submit time, from the workload's start
 * @param runTime how long it runs once started
 * @param processors processors it asks for
 * @param requestedTime its time limit, if known (else the run time)
 */
public record WorkloadJob(long id, Duration submit, Duration runTime, int processors, Duration requestedTime) {

    /** Nodes it needs when each node has this many CPUs. */
    public int nodes(int cpusPerNode) {
        return Math.max(1, (processors + cpusPerNode - 1) / cpusPerNode);
    }
}
