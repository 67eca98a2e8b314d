package org.elasticslurm.provisioner.operation;

import java.time.Duration;

/**
 * Where the engine runs its steps: at once on a bounded set of workers, or after a delay. The production
 * implementation uses threads; tests use a virtual one that advances a clock.
 */
public interface TaskScheduler {

    /** Runs a task on a worker as soon as one is free. */
    void execute(Runnable task);

    /** Runs a task on a worker after the delay; the returned handle cancels it if it has not started. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be cancelled. */
    interface Cancellable {
        /** Cancels the task if it has not started yet. */
        void cancel();
    }
}
