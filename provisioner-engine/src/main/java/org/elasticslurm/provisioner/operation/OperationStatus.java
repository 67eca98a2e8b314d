package org.elasticslurm.provisioner.operation;

/** The life of an operation. */
public enum OperationStatus {
    /** Waiting for the node's current operation to end. */
    QUEUED,
    /** Running. */
    RUNNING,
    /** Done as asked. */
    SUCCEEDED,
    /** Failed; see its error. */
    FAILED,
    /** Superseded by a later request for the same node (a suspend cancels a resume). */
    CANCELLED;

    /** Whether the operation has ended. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
