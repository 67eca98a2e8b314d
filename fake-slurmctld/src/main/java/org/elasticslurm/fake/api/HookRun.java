package org.elasticslurm.fake.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated power-save program runs: for how long, and its exit status.
 *
 * @param runTime until it exits
 * @param exitStatus its exit status (0: success)
 */
public record HookRun(Duration runTime, int exitStatus) {

    public HookRun {
        Objects.requireNonNull(runTime, "runTime");
    }

    /** Exits 0 at once. */
    public static HookRun immediateSuccess() {
        return new HookRun(Duration.ZERO, 0);
    }
}
