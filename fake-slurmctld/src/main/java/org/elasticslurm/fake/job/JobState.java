package org.elasticslurm.fake.job;

/** A job's base state (Slurm's {@code enum job_states}) with its long and squeue names. */
public enum JobState {
    /** Queued. */
    PENDING("PENDING", "PD"),
    /** Allocated (possibly still CONFIGURING). */
    RUNNING("RUNNING", "R"),
    /** Suspended. */
    SUSPENDED("SUSPENDED", "S"),
    /** Ended with exit code 0. */
    COMPLETED("COMPLETED", "CD"),
    /** Cancelled. */
    CANCELLED("CANCELLED", "CA"),
    /** Ended with a non-zero exit code. */
    FAILED("FAILED", "F"),
    /** Reached its time limit. */
    TIMEOUT("TIMEOUT", "TO"),
    /** Ended because a node failed. */
    NODE_FAIL("NODE_FAIL", "NF");

    private final String longName;
    private final String code;

    JobState(String longName, String code) {
        this.longName = longName;
        this.code = code;
    }

    /** job_state_string of the base state. */
    public String longName() {
        return longName;
    }

    /** job_state_string_compact of the base state (squeue's %t). */
    public String code() {
        return code;
    }

    /** Whether the job has ended. */
    public boolean isFinished() {
        return this.ordinal() > SUSPENDED.ordinal();
    }
}
