package org.elasticslurm.fake.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The time source and event queue a simulated component runs on: a virtual clock ({@link EventKernel}) or the
 * wall clock ({@link RealTimeDriver}). Components driven by a scheduler are confined to its thread: every event
 * runs there, one at a time.
 *
 * <p>Simultaneous events run in the order (time, priority, sequence): a lower priority value runs first, and
 * among equal priorities the event scheduled first runs first, so a run is deterministic.
 */
public interface Scheduler {

    /** The current time. */
    Instant now();

    /** The current time in milliseconds since the epoch. */
    long nowMillis();

    /**
     * Schedules an action.
     *
     * @param atMillis when, in milliseconds since the epoch; not before {@link #nowMillis()}
     * @param priority order among events at the same millisecond (lower first)
     * @param action what to run
     * @throws IllegalArgumentException when {@code atMillis} lies in the past
     */
    EventHandle schedule(long atMillis, int priority, Runnable action);

    /** Schedules an action at an instant (millisecond precision); see {@link #schedule(long, int, Runnable)}. */
    default EventHandle schedule(Instant at, int priority, Runnable action) {
        return schedule(at.toEpochMilli(), priority, action);
    }

    /** Schedules an action after a delay (not negative). */
    default EventHandle scheduleAfter(Duration delay, int priority, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return schedule(Math.addExact(nowMillis(), delay.toMillis()), priority, action);
    }

    /**
     * Runs an action on the scheduler's thread as soon as possible, after the events already due. Unlike the
     * other methods this may be called from any thread when the scheduler is a {@link RealTimeDriver}.
     */
    void execute(Runnable action);

    /** The seeded source of randomness of this run. */
    RandomGenerator random();
}
