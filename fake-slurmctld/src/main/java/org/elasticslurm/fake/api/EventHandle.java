package org.elasticslurm.fake.api;

/** A scheduled event that can still be cancelled. */
public interface EventHandle {

    /** Cancels the event if it has not run yet; does nothing otherwise. */
    void cancel();

    /** Whether the event is still waiting to run. */
    boolean isPending();
}
