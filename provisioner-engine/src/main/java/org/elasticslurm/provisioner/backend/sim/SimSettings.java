package org.elasticslurm.provisioner.backend.sim;

import java.time.Duration;

/**
 * How simulated machines behave.
 *
 * @param bootDelay time from start until a machine has an address
 * @param jitter uniform random extra boot time in [0, jitter)
 * @param failureProbability probability that a start fails for good
 * @param transientFailureProbability probability that any start or release call fails transiently
 * @param seed seed of the random source
 * @param firstAddress the first address handed out (dotted IPv4)
 */
public record SimSettings(Duration bootDelay, Duration jitter, double failureProbability,
                          double transientFailureProbability, long seed, String firstAddress) {
}
