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
 * @param burst how many nodes a burst wakes at once; empty = {@link #defaultBurst(int)}
 * @param root where the controller's files are staged: an absolute hook program {@code /p} is looked for at
 *             {@code root/p}; empty = on this machine's own paths
 */
public record LintOptions(Optional<Duration> bootTime, OptionalInt burst, Optional<Path> root) {
    /** A site with at most this many CLOUD nodes is assumed to wake them all at once. */
    public static final int SMALL_SITE = 32;

    /** Without a root. */
    public LintOptions(Optional<Duration> bootTime, OptionalInt burst) {
        this(bootTime, burst, Optional.empty());
    }

    /**
     * The burst assumed without {@code --burst}: every CLOUD node of a site of up to {@value #SMALL_SITE}, else a
     * tenth of them (at least {@value #SMALL_SITE}). Large sites seldom wake every node at once: their bursts are
     * a few large jobs, and a rate warning sized for the whole cloud would be noise.
     */
    public static int defaultBurst(int cloudNodes) {
        return cloudNodes <= SMALL_SITE ? cloudNodes : Math.max(SMALL_SITE, (cloudNodes + 9) / 10);
    }

    /** How the default was picked, for messages: {@code all 8 CLOUD nodes} or {@code 200 of the 2000 CLOUD ...}. */
    public static String describeDefaultBurst(int cloudNodes) {
        int burst = defaultBurst(cloudNodes);
        return burst == cloudNodes ? "all " + cloudNodes + " CLOUD nodes (the default up to " + SMALL_SITE
                + " CLOUD nodes; give --burst N)"
                : burst + " of the " + cloudNodes + " CLOUD nodes (the default: a tenth of them, at least "
                + SMALL_SITE + "; give --burst N)";
    }

    /** The burst to measure against: {@code --burst}, else {@link #defaultBurst(int)}. */
    public int burstOf(int cloudNodes) {
        return burst.orElse(defaultBurst(cloudNodes));
    }

    /** No boot time, the default burst, no root. */
    public static LintOptions none() {
        return new LintOptions(Optional.empty(), OptionalInt.empty());
    }
}
