package org.elasticslurm.scenarios.model;

import java.time.Duration;
import java.util.Optional;

/**
 * What every step has.
 *
 * @param id the step's id, for {@code after:} references (submit steps always have one: {@code job1}, ... by
 *           default)
 * @param at scenario time at which the step starts; empty = as soon as the previous step has completed
 * @param position where the step is written
 */
public record StepHeader(Optional<String> id, Optional<Duration> at, Position position) {
}
