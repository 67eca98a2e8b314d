package org.elasticslurm.scenarios.target;

/**
 * How an action went on the target.
 *
 * @param ok whether it succeeded (exit status as expected, job accepted, ...)
 * @param detail what the target saw: exit status, output, job id
 */
public record StepResult(boolean ok, String detail) {
    /** Succeeded. */
    public static StepResult ok(String detail) {
        return new StepResult(true, detail);
    }

    /** Failed. */
    public static StepResult failed(String detail) {
        return new StepResult(false, detail);
    }
}
