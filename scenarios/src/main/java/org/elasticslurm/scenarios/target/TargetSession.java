package org.elasticslurm.scenarios.target;

import java.time.Duration;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.trace.Observations;

/**
 * One scenario's lab on a target, from {@link Target#open} to {@link #close}. Scenario time starts at 0 when it
 * opens; on {@code sim} it is the virtual clock, elsewhere the wall clock since opening.
 */
public interface TargetSession extends AutoCloseable {

    /** Scenario time now. */
    Duration now();

    /**
     * Lets scenario time pass until {@code time} (advances the virtual clock; waits on real targets). Does
     * nothing when {@code time} is not after {@link #now()}.
     */
    void advanceTo(Duration time);

    /**
     * How often the runner should look at the observations while waiting: the virtual clock can jump far, a
     * real lab is sampled (e.g. every 0.5 s, as {@code scontrol show node} is).
     */
    Duration pollInterval();

    /**
     * Carries out an action now (submit, start slurmd, run a command, scontrol update, stop/restart, fault).
     * Returns when the action has been done, not when its effects are (a submit returns once the job exists).
     *
     * @throws TargetException when the lab cannot carry it out (the step is then reported failed)
     */
    StepResult perform(Step.Action action);

    /** Everything observed so far. */
    Observations observations();

    /**
     * Tells the session, before {@link #close}, whether the run passed (every applicable expectation passed, no
     * step failed). A session closed without hearing it ended with an error. A real lab may keep what helps find
     * the cause of a failure when it closes (the qemu target: its guests' consoles and the daemons' logs).
     */
    default void ended(boolean passed) {
    }

    /** Stops and removes everything the session started (processes by PID, VMs, namespaces), also on failure. */
    @Override
    void close();
}
