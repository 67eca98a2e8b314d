package org.elasticslurm.provisioner.operation;

import java.time.Duration;

/**
 * The engine's timing.
 *
 * @param addressTimeout how long a resume waits for the machine's address
 * @param addressPollInterval how often the backend is asked for it
 * @param orphanGrace how long a machine may run for a node Slurm shows powered down before it is released
 * @param retry backoff for transient backend and Slurm failures
 */
public record EngineSettings(Duration addressTimeout, Duration addressPollInterval, Duration orphanGrace,
                             RetryPolicy retry) {
}
