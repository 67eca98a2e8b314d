package org.elasticslurm.scenarios.model;

/** Slurm's job states, as squeue/sacct print them. */
public enum JobState implements Keyword {
    PENDING, CONFIGURING, RUNNING, COMPLETING, COMPLETED, CANCELLED, FAILED, TIMEOUT, NODE_FAIL, PREEMPTED,
    BOOT_FAIL, DEADLINE, OUT_OF_MEMORY, REQUEUED, SUSPENDED;

    @Override
    public String keyword() {
        return name();
    }

    /** Whether the job has ended in this state. */
    public boolean isFinal() {
        return switch (this) {
            case PENDING, CONFIGURING, RUNNING, COMPLETING, REQUEUED, SUSPENDED -> false;
            default -> true;
        };
    }
}
