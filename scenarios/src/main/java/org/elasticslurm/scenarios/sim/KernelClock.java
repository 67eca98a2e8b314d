package org.elasticslurm.scenarios.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.elasticslurm.fake.api.Scheduler;

/** The event kernel's virtual time as a {@link Clock}, for the provisioner's engine. */
final class KernelClock extends Clock {
    private final Scheduler kernel;

    KernelClock(Scheduler kernel) {
        this.kernel = kernel;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the kernel's clock is in UTC only");
    }

    @Override
    public Instant instant() {
        return kernel.now();
    }
}
