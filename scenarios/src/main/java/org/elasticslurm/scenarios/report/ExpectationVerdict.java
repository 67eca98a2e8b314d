package org.elasticslurm.scenarios.report;

import java.time.Duration;
import java.util.Optional;

/**
 * The verdict on one expectation.
 *
 * @param index 1-based position in the scenario's {@code expect:} list
 * @param description the expectation in words
 * @param verdict passed, failed, pending or not applicable
 * @param metAt when it was met (scenario time), for passed ones
 * @param detail why: what was seen instead, or why it does not apply
 */
public record ExpectationVerdict(int index, String description, Verdict verdict, Optional<Duration> metAt,
                                 String detail) {
}
