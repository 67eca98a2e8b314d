package org.elasticslurm.fake.controller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.elasticslurm.conf.SlurmVersion;

/**
 * How the controller process runs.
 *
 * @param slurmConf the configuration file's path (what hooks get as SLURM_CONF)
 * @param workingDirectory the controller's working directory (the hooks' cwd)
 * @param powerTickOffset when the power-save thread first wakes after start (then every second)
 * @param backgroundTickOffset when the background thread first wakes after start (then every second)
 * @param version the Slurm version whose behaviour the controller emulates ({@link SlurmBehaviour})
 */
public record ControllerOptions(Path slurmConf, Path workingDirectory, Duration powerTickOffset,
                                Duration backgroundTickOffset, SlurmVersion version) {

    public ControllerOptions {
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(version, "version");
        if (powerTickOffset.isNegative() || backgroundTickOffset.isNegative()) {
            throw new IllegalArgumentException("tick offsets must not be negative");
        }
    }

    /**
     * One second for both threads, as a freshly started slurmctld's {@code sleep(1)} loops; Slurm 22.05's
     * behaviour (see {@link #withVersion}).
     */
    public static ControllerOptions of(Path slurmConf, Path workingDirectory) {
        return new ControllerOptions(slurmConf, workingDirectory, Duration.ofSeconds(1), Duration.ofSeconds(1),
                SlurmVersion.V22_05);
    }

    /** These options with other tick offsets (to align a simulation with a recorded run). */
    public ControllerOptions withTickOffsets(Duration power, Duration background) {
        return new ControllerOptions(slurmConf, workingDirectory, power, background, version);
    }

    /** These options emulating another Slurm version's behaviour. */
    public ControllerOptions withVersion(SlurmVersion other) {
        return new ControllerOptions(slurmConf, workingDirectory, powerTickOffset, backgroundTickOffset, other);
    }
}
