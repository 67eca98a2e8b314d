package org.elasticslurm.fake.sim.cluster;

import java.time.Duration;

/**
 * How simulated work behaves on the nodes.
 *
 * @param duration how long it runs
 * @param exitCode its exit code
 * @param output what it prints
 */
public record SimulatedRun(Duration duration, int exitCode, String output) {
}
