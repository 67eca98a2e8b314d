package org.elasticslurm.conf;

import java.time.Duration;
import java.util.Optional;

/**
 * A time that Slurm allows to be INFINITE (SuspendTime): either a finite duration or infinite.
 *
 * @param duration the finite duration, or empty for INFINITE
 */
public record TimeoutValue(Optional<Duration> duration) {

    /** INFINITE (also written NONE or -1). */
    public static TimeoutValue infinite() {
        return new TimeoutValue(Optional.empty());
    }

    /** A finite value. */
    public static TimeoutValue of(Duration d) {
        return new TimeoutValue(Optional.of(d));
    }

    /** The larger of two values; INFINITE is larger than every finite value. */
    public static TimeoutValue max(TimeoutValue a, TimeoutValue b) {
        if (a.isInfinite() || b.isInfinite()) {
            return infinite();
        }
        return a.duration.get().compareTo(b.duration.get()) >= 0 ? a : b;
    }

    /** Whether INFINITE. */
    public boolean isInfinite() {
        return duration.isEmpty();
    }

    /** As {@code scontrol show config} prints it: {@code INFINITE} or {@code N sec}. */
    @Override
    public String toString() {
        return duration.map(d -> d.toSeconds() + " sec").orElse("INFINITE");
    }
}
