package org.elasticslurm.scenarios.model;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.SlurmVersion;

/**
 * What every step has.
 *
 * @param id the step's id, for {@code after:} references (submit steps always have one: {@code job1}, ... by
 *           default)
 * @param at scenario time at which the step starts; empty = as soon as the previous step has completed
 * @param position where the step is written
 * @param versions the Slurm versions it runs on ({@code versions:}); empty = every version. A run of another
 *                 version leaves the step out
 */
public record StepHeader(Optional<String> id, Optional<Duration> at, Position position, Set<SlurmVersion> versions) {

    public StepHeader {
        versions = versions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(versions));
    }

    /** A step of every version. */
    public StepHeader(Optional<String> id, Optional<Duration> at, Position position) {
        this(id, at, position, Set.of());
    }

    /** Whether a run of {@code version} runs the step. */
    public boolean runsOn(SlurmVersion version) {
        return versions.isEmpty() || versions.contains(version);
    }
}
