package org.elasticslurm.provisioner.operation;

import java.time.Duration;

/**
 * The engine's timing.
 *
 * @param addressTimeout how long a resume waits for the machine's address
 * @param addressPollInterval how often the backend is asked for it
 * @param orphanGrace how long a machine may run for a node Slurm shows powered down before it is released
 * @param retry backoff for transient backend and Slurm failures
 * @param slurmUnreachableRetry how long a step keeps being retried while the controller cannot be reached (a
 *                              transient Slurm failure), even past the retry policy's attempts
 */
public record EngineSettings(Duration addressTimeout, Duration addressPollInterval, Duration orphanGrace,
                             RetryPolicy retry, Duration slurmUnreachableRetry) {

    /** The default retry window while the controller cannot be reached. */
    public static final Duration DEFAULT_SLURM_UNREACHABLE_RETRY = Duration.ofMinutes(3);

    /** Settings with the default {@link #slurmUnreachableRetry()}. */
    public EngineSettings(Duration addressTimeout, Duration addressPollInterval, Duration orphanGrace,
                          RetryPolicy retry) {
        this(addressTimeout, addressPollInterval, orphanGrace, retry, DEFAULT_SLURM_UNREACHABLE_RETRY);
    }
}
