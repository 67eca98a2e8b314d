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
 * @param monotonicStartMillis CLOCK_MONOTONIC in milliseconds when the controller starts: it places the refill
 *                             grid of 24.11's ResumeRate/SuspendRate token buckets ({@code TokenBucket}), which
 *                             on a real machine depends on its uptime; 0 unless set
 */
public record ControllerOptions(Path slurmConf, Path workingDirectory, Duration powerTickOffset,
                                Duration backgroundTickOffset, SlurmVersion version, long monotonicStartMillis) {

    public ControllerOptions {
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(version, "version");
        if (powerTickOffset.isNegative() || backgroundTickOffset.isNegative()) {
            throw new IllegalArgumentException("tick offsets must not be negative");
        }
        if (monotonicStartMillis < 0) {
            throw new IllegalArgumentException("the monotonic clock's start must not be negative, got "
                    + monotonicStartMillis);
        }
    }

    /**
     * One second for both threads, as a freshly started slurmctld's {@code sleep(1)} loops; Slurm 22.05's
     * behaviour (see {@link #withVersion}).
     */
    public static ControllerOptions of(Path slurmConf, Path workingDirectory) {
        return new ControllerOptions(slurmConf, workingDirectory, Duration.ofSeconds(1), Duration.ofSeconds(1),
                SlurmVersion.V22_05, 0);
    }

    /** These options with other tick offsets (to align a simulation with a recorded run). */
    public ControllerOptions withTickOffsets(Duration power, Duration background) {
        return new ControllerOptions(slurmConf, workingDirectory, power, background, version, monotonicStartMillis);
    }

    /** These options emulating another Slurm version's behaviour. */
    public ControllerOptions withVersion(SlurmVersion other) {
        return new ControllerOptions(slurmConf, workingDirectory, powerTickOffset, backgroundTickOffset, other,
                monotonicStartMillis);
    }

    /** These options with CLOCK_MONOTONIC reading {@code millis} at the start (to replay a recorded run). */
    public ControllerOptions withMonotonicStart(long millis) {
        return new ControllerOptions(slurmConf, workingDirectory, powerTickOffset, backgroundTickOffset, version,
                millis);
    }
}
