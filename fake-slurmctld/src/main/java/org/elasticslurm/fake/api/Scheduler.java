package org.elasticslurm.fake.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and the event queue of a {@link VirtualClock}, as the components a scenario adds (a simulated provisioner,
 * simulated hook programs) use them. Simultaneous events run in the order (time, priority, sequence): a lower
 * priority value runs first, and among equal priorities the one scheduled first.
 */
public interface Scheduler {

    /** The current time. */
    Instant now();

    /**
     * Schedules an action at an instant (millisecond precision).
     *
     * @throws IllegalArgumentException when {@code at} lies in the past
     */
    EventHandle schedule(Instant at, int priority, Runnable action);

    /**
     * Schedules an action after a delay.
     *
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    EventHandle scheduleAfter(Duration delay, int priority, Runnable action);
}
