package org.elasticslurm.lab.trace;

/** What {@link TraceComparator} compares between two traces. */
public enum Aspect {
    /** Each node's sequence of states (consecutive duplicates merged, short-lived states optional). */
    STATES,
    /** The time each matched state was first seen, within the time tolerance. */
    STATE_TIMES,
    /** Each hook program's calls and their arguments, in order. */
    HOOKS,
    /** The time of each matched hook call, within the time tolerance. */
    HOOK_TIMES,
    /** The {@code SLURM_RESUME_FILE} content each hook call was given. */
    RESUME_JSON,
    /** Each command's exit status, stdout lines and stderr lines. */
    JOBS,
    /** The controller log lines the scenario recorded. */
    LOGS,
    /** Whether (and why) the scenario stopped early. */
    ABORT
}
