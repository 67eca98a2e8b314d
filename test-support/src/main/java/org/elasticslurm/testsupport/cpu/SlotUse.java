package org.elasticslurm.testsupport.cpu;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One holding of CPU slots by a test or its set-up: when it asked, how long it waited for its slots, how long it
 * held them. Its {@link #line()} is what {@link SlotUsageLog} writes.
 *
 * @param asked when the slots were asked for
 * @param pid the process of the test JVM
 * @param what the test or set-up method ({@code Class#method}, with {@code @BeforeAll}/{@code @BeforeEach} named)
 * @param slots how many slots it held
 * @param waited from the request until every slot was held
 * @param held from then until they were given back
 */
public record SlotUse(Instant asked, long pid, String what, int slots, Duration waited, Duration held) {

    /**
     * One line: {@code <asked> waited=<s>s held=<s>s slots=<n> pid=<pid> <what>}, seconds with one decimal, so that
     * the lines of every JVM sort by time and add up by class with standard tools.
     */
    public String line() {
        return String.format(Locale.ROOT, "%s waited=%.1fs held=%.1fs slots=%d pid=%d %s", asked, seconds(waited),
                seconds(held), slots, pid, what);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
