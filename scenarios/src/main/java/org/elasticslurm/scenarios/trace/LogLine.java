package org.elasticslurm.scenarios.trace;

import java.time.Duration;

/**
 * A log line of a component.
 *
 * @param at scenario time
 * @param source {@code slurmctld}, {@code provisioner}, {@code slurmd-node1}, ...
 * @param text the line as logged
 */
public record LogLine(Duration at, String source, String text) {
}
