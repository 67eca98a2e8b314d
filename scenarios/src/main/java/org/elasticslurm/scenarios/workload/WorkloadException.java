package org.elasticslurm.scenarios.workload;

/** A workload file that cannot be used; the message names {@code file:line}, the field and the rule. */
public final class WorkloadException extends RuntimeException {
    /** @param message where and what */
    public WorkloadException(String message) {
        super(message);
    }
}
