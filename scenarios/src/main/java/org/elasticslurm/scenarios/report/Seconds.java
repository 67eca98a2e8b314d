package org.elasticslurm.scenarios.report;

import java.time.Duration;
import java.util.Locale;

/** Durations as report files write them. */
final class Seconds {
    private Seconds() {
    }

    /** {@code 12.345}: seconds with millisecond precision, as JUnit XML's time attributes. */
    static String decimal(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
