package org.elasticslurm.provisioner.operation;

/** What an operation does to a node. */
public enum OperationKind {
    /** Make the node's machine run and tell Slurm its address (ResumeProgram). */
    RESUME,
    /** Give the node's machine back (SuspendProgram). */
    SUSPEND,
    /** Slurm gave up on a resume: clean up what is left (ResumeFailProgram). */
    RESUME_FAIL,
    /** Release a machine nobody asked for any more (orphan, or an interrupted operation rolled back). */
    CLEANUP;

    /** Whether the operation gives the machine back. */
    public boolean releases() {
        return this != RESUME;
    }
}
