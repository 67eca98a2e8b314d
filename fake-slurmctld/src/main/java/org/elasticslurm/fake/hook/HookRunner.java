package org.elasticslurm.fake.hook;

import java.time.Instant;
import java.util.List;

/** Port through which the controller runs its power-save programs. Called on the controller thread. */
public interface HookRunner {

    /**
     * Starts a program and returns at once; the program is never waited for here and never killed.
     *
     * @throws HookStartException when the program could not be started at all (slurmctld's failed fork)
     */
    HookProcess start(HookInvocation invocation);

    /**
     * Findings about programs already started that the real daemon does not report (processes left running
     * long after the call, zombies), as sentences for warning lines. Called about once a second.
     */
    default List<String> diagnose(Instant now) {
        return List.of();
    }
}
