package org.elasticslurm.scenarios.report;

/** The outcome of one expectation. A finished run's report has no {@link #PENDING}. */
public enum Verdict {
    /** The run showed it. */
    PASSED,
    /** The run showed otherwise, or ended before showing it. */
    FAILED,
    /** Not decided yet (its window is still open). */
    PENDING,
    /** The target cannot observe it; the report says why. */
    NOT_APPLICABLE
}
