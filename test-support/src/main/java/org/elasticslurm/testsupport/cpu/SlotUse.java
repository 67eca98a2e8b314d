package org.elasticslurm.testsupport.cpu;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One holding of CPU slots by a test or its set-up: when it asked, how long it waited for its slots, how long it
 * held them. A test that lowers its holding before it ends ({@link HeldSlots#lowerTo}) has one such holding per
 * count: the first from its request, the next ones from the lowering before (having waited for nothing). Its
 * {@link #line()} is what {@link SlotUsageLog} writes.
 *
 * @param asked when the slots were asked for (or, after a lowering, when the holding was lowered to this count)
 * @param pid the process of the test JVM
 * @param what the test or set-up method ({@code Class#method}, with {@code @BeforeAll}/{@code @BeforeEach} named)
 * @param slots how many slots it held
 * @param waited from the request until every slot was held
 * @param held from then until they were given back (or until the test lowered its holding)
 * @param loweredTo the count the test lowered its holding to, when that, not its end, ended this holding
 */
public record SlotUse(Instant asked, long pid, String what, int slots, Duration waited, Duration held,
                      OptionalInt loweredTo) {

    /** A holding that ended with the test or set-up. */
    public SlotUse(Instant asked, long pid, String what, int slots, Duration waited, Duration held) {
        this(asked, pid, what, slots, waited, held, OptionalInt.empty());
    }

    /**
     * One line: {@code <asked> waited=<s>s held=<s>s slots=<n> pid=<pid> <what>}, seconds with one decimal, so that
     * the lines of every JVM sort by time and add up by class with standard tools (slot-seconds: held x slots); then
     * {@code lowered to <k>} when the test lowered its holding at the end of this one.
     */
    public String line() {
        return String.format(Locale.ROOT, "%s waited=%.1fs held=%.1fs slots=%d pid=%d %s", asked, seconds(waited),
                seconds(held), slots, pid, what)
                + (loweredTo.isPresent() ? " lowered to " + loweredTo.getAsInt() : "");
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
