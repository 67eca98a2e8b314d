package org.elasticslurm.fake.job;

/** How a job was submitted. */
public enum JobKind {
    /** {@code srun}: the client waits for the allocation and runs the command as a step. */
    INTERACTIVE,
    /** {@code sbatch}: a script run on the job's first node by slurmd. */
    BATCH
}
