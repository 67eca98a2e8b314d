package org.elasticslurm.fake.hook;

import java.time.Duration;

/**
 * How a simulated program behaves: how long it runs and how it ends.
 *
 * @param runTime time from start to exit
 * @param exit how it ends
 */
public record HookOutcome(Duration runTime, HookExit exit) {

    /** Exits 0 at once. */
    public static HookOutcome immediateSuccess() {
        return new HookOutcome(Duration.ZERO, HookExit.success());
    }
}
