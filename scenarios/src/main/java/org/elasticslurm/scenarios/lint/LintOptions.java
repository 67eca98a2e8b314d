package org.elasticslurm.scenarios.lint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the site knows beyond slurm.conf.
 *
 * @param bootTime how long a cloud node takes from ResumeProgram to a registered slurmd (measured, or the
 *                 provisioner's configured expectation); empty = the boot-time rules are not applied
 * @param burst how many nodes a burst wakes at once; empty = every CLOUD node
 * @param root where the controller's files are staged: an absolute hook program {@code /p} is looked for at
 *             {@code root/p}; empty = on this machine's own paths
 */
public record LintOptions(Optional<Duration> bootTime, OptionalInt burst, Optional<Path> root) {

    /** Without a root. */
    public LintOptions(Optional<Duration> bootTime, OptionalInt burst) {
        this(bootTime, burst, Optional.empty());
    }

    /** No boot time, burst of every CLOUD node, no root. */
    public static LintOptions none() {
        return new LintOptions(Optional.empty(), OptionalInt.empty());
    }
}
