package org.elasticslurm.fake.controller;

import java.time.Instant;
import org.elasticslurm.fake.sim.Scheduler;

/** slurmctld's {@code time(NULL)}: whole seconds of the scheduler's clock. */
final class SlurmClock {
    private final Scheduler scheduler;

    SlurmClock(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    long now() {
        return Math.floorDiv(scheduler.nowMillis(), 1000L);
    }

    static Instant instant(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }
}
