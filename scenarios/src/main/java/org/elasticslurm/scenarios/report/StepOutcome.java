package org.elasticslurm.scenarios.report;

import java.time.Duration;

/**
 * What became of one step.
 *
 * @param index 1-based position in the scenario's {@code steps:} list
 * @param description the step in words
 * @param status done, failed or not applicable
 * @param startedAt scenario time it started
 * @param finishedAt scenario time it completed
 * @param detail the target's account (exit status, output), or why it does not apply
 */
public record StepOutcome(int index, String description, Status status, Duration startedAt, Duration finishedAt,
                          String detail) {

    /** How a step went. */
    public enum Status {
        /** Carried out. */
        DONE,
        /** Carried out, and it failed (or its wait timed out). */
        FAILED,
        /** The target cannot carry it out ("not applicable on sim: ..."); never silently skipped. */
        NOT_APPLICABLE
    }
}
