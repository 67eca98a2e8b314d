package org.elasticslurm.scenarios.target;

import java.time.Duration;
import java.util.Optional;

/**
 * How an action went on the target.
 *
 * @param ok whether it succeeded (exit status as expected, job accepted, ...)
 * @param detail what the target saw: exit status, output, job id
 * @param doneAt the scenario time the action took effect, when the target knows it better than the moment
 *               {@link TargetSession#perform} returned (e.g. a lab whose node state sample taken as the new job
 *               was found began before the slow sampling command returned); empty: when it returned
 */
public record StepResult(boolean ok, String detail, Optional<Duration> doneAt) {

    /** A result that took effect when {@link TargetSession#perform} returned. */
    public StepResult(boolean ok, String detail) {
        this(ok, detail, Optional.empty());
    }

    /** Succeeded. */
    public static StepResult ok(String detail) {
        return new StepResult(true, detail);
    }

    /** Succeeded, taking effect at the scenario time given. */
    public static StepResult ok(String detail, Duration doneAt) {
        return new StepResult(true, detail, Optional.of(doneAt));
    }

    /** Failed. */
    public static StepResult failed(String detail) {
        return new StepResult(false, detail);
    }
}
