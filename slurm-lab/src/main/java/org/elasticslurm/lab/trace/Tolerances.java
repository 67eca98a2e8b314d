package org.elasticslurm.lab.trace;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How strictly {@link TraceComparator} compares.
 *
 * @param time           largest allowed difference of a matched hook call's or state's time
 * @param transientState a state observed for less than this (and not the node's last) may be missing on the
 *                       other side: the 0.5 s sampler can miss it
 * @param aspects        what is compared
 */
public record Tolerances(Duration time, Duration transientState, Set<Aspect> aspects) {

    /** States seen for less than this may be missed by a 0.5 s sampler. */
    public static final Duration DEFAULT_TRANSIENT = Duration.ofMillis(1500);

    public Tolerances {
        aspects = Set.copyOf(aspects);
    }

    /** All aspects; times within {@code power_save_interval + 2 s}, the differential suite's promise. */
    public static Tolerances forPowerSaveInterval(Duration powerSaveInterval) {
        return new Tolerances(powerSaveInterval.plusSeconds(2), DEFAULT_TRANSIENT, EnumSet.allOf(Aspect.class));
    }

    /** The same tolerances, comparing only the given aspects. */
    public Tolerances only(Set<Aspect> selected) {
        return new Tolerances(time, transientState, selected);
    }
}
