package org.elasticslurm.fake.api;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.elasticslurm.fake.sim.EventKernel;

/**
 * The virtual clock and event queue a {@link SimulatedSlurm} runs on. Synchronous: events run in the caller's
 * thread while it advances the clock ({@link #runUntil}, {@link #runWhile}); randomness comes from the seed, so a
 * run can be replayed.
 */
public final class VirtualClock implements Scheduler {

    private final EventKernel kernel;

    /**
     * @param start the time the clock starts at
     * @param seed the seed of the run's randomness
     */
    public VirtualClock(Instant start, long seed) {
        this.kernel = new EventKernel(start, seed);
    }

    @Override
    public Instant now() {
        return kernel.now();
    }

    @Override
    public EventHandle schedule(Instant at, int priority, Runnable action) {
        return handle(kernel.schedule(at, priority, action));
    }

    @Override
    public EventHandle scheduleAfter(Duration delay, int priority, Runnable action) {
        return handle(kernel.scheduleAfter(delay, priority, action));
    }

    /** Runs every event due up to {@code until} and leaves the clock there. */
    public void runUntil(Instant until) {
        kernel.runUntil(until);
    }

    /**
     * Runs events one by one while {@code condition} holds, but not past {@code deadline}.
     *
     * @return true when the condition became false, false when the deadline or the end of the queue came first
     */
    public boolean runWhile(BooleanSupplier condition, Instant deadline) {
        return kernel.runWhile(condition, deadline);
    }

    /** The kernel itself, for the simulated controller built on this clock. */
    EventKernel kernel() {
        return kernel;
    }

    private static EventHandle handle(org.elasticslurm.fake.sim.EventHandle h) {
        return new EventHandle() {
            @Override
            public void cancel() {
                h.cancel();
            }

            @Override
            public boolean isPending() {
                return h.isPending();
            }
        };
    }
}
