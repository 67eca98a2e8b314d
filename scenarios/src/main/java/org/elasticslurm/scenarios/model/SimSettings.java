package org.elasticslurm.scenarios.model;

import java.time.Duration;

/**
 * How the {@code sim} target models what it does not run for real.
 *
 * @param bootDelay time from a machine's start until its slurmd registers (also the remote-execution tool's
 *                  time to start {@code slurmd} in Level 1)
 * @param seed seed of the random source, so a run can be replayed
 */
public record SimSettings(Duration bootDelay, long seed) {
    /** 30 s boot, seed 1. */
    public static SimSettings defaults() {
        return new SimSettings(Duration.ofSeconds(30), 1);
    }
}
