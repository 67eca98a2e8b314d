package org.elasticslurm.provisioner.operation;

import java.time.Duration;

/**
 * Exponential backoff for transient failures.
 *
 * @param maxAttempts attempts per step, the first included
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff upper bound of any wait
 * @param multiplier growth factor per failed attempt
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    /** Whether another attempt is allowed after {@code failedAttempts} failures. */
    public boolean allowsAnother(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based). */
    public Duration backoff(int failedAttempts) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        long capped = (long) Math.min(millis, maxBackoff.toMillis());
        return Duration.ofMillis(capped);
    }
}
