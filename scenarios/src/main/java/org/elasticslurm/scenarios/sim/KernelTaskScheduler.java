package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import org.elasticslurm.fake.api.EventHandle;
import org.elasticslurm.fake.api.Scheduler;
import org.elasticslurm.provisioner.operation.TaskScheduler;

/**
 * The provisioner engine's workers as events of the kernel: a task runs on the kernel's thread at its virtual time,
 * after the events already due then (one worker; the engine's steps never block on the sim target).
 */
final class KernelTaskScheduler implements TaskScheduler {
    /** Order among events of the same millisecond: as the simulated machines' own events. */
    private static final int PRIORITY = 20;

    private final Scheduler kernel;

    KernelTaskScheduler(Scheduler kernel) {
        this.kernel = kernel;
    }

    @Override
    public void execute(Runnable task) {
        kernel.scheduleAfter(Duration.ZERO, PRIORITY, task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        EventHandle handle = kernel.scheduleAfter(delay, PRIORITY, task);
        return handle::cancel;
    }
}
