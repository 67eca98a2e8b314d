package org.elasticslurm.scenarios.lint;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the site knows beyond slurm.conf.
 *
 * @param bootTime how long a cloud node takes from ResumeProgram to a registered slurmd (measured, or the
 *                 provisioner's configured expectation); empty = the boot-time rules are not applied
 * @param burst how many nodes a burst wakes at once; empty = every CLOUD node
 */
public record LintOptions(Optional<Duration> bootTime, OptionalInt burst) {
    /** No boot time, burst of every CLOUD node. */
    public static LintOptions none() {
        return new LintOptions(Optional.empty(), OptionalInt.empty());
    }
}
