package org.elasticslurm.fake.api;

import java.time.Duration;

/**
 * How a job's command runs on the simulated nodes.
 *
 * @param duration how long it runs
 * @param exitCode its exit code
 * @param output what it prints
 */
public record CommandRun(Duration duration, int exitCode, String output) {
}
