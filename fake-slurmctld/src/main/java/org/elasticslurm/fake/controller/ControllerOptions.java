package org.elasticslurm.fake.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the controller process runs.
 *
 * @param slurmConf the configuration file's path (what hooks get as SLURM_CONF)
 * @param workingDirectory the controller's working directory (the hooks' cwd)
 * @param powerTickOffset when the power-save thread first wakes after start (then every second)
 * @param backgroundTickOffset when the background thread first wakes after start (then every second)
 */
public record ControllerOptions(Path slurmConf, Path workingDirectory, Duration powerTickOffset,
                                Duration backgroundTickOffset) {

    public ControllerOptions {
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (powerTickOffset.isNegative() || backgroundTickOffset.isNegative()) {
            throw new IllegalArgumentException("tick offsets must not be negative");
        }
    }

    /** One second for both threads, as a freshly started slurmctld's {@code sleep(1)} loops. */
    public static ControllerOptions of(Path slurmConf, Path workingDirectory) {
        return new ControllerOptions(slurmConf, workingDirectory, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** These options with other tick offsets (to align a simulation with a recorded run). */
    public ControllerOptions withTickOffsets(Duration power, Duration background) {
        return new ControllerOptions(slurmConf, workingDirectory, power, background);
    }
}
