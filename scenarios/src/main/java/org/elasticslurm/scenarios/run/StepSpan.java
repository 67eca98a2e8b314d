package org.elasticslurm.scenarios.run;

import java.time.Duration;

/**
 * When a step was issued and when it is known to have taken effect. On a virtual clock both are one moment; on a
 * process target a submit is issued when its command starts and is known to have taken effect when its job is
 * seen, and what the job causes (a resume hook, a state, a log line) can happen in between.
 *
 * @param issued when the step was carried out: nothing it causes can happen earlier
 * @param done when it was seen to have taken effect
 */
public record StepSpan(Duration issued, Duration done) {

    /** A step that took effect the moment it was issued. */
    public static StepSpan at(Duration moment) {
        return new StepSpan(moment, moment);
    }

    /** Refuses a span that ends before it begins. */
    public StepSpan {
        if (done.compareTo(issued) < 0) {
            throw new IllegalArgumentException("a step cannot take effect (" + done + ") before it was issued ("
                    + issued + ")");
        }
    }
}
