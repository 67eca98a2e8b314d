package org.elasticslurm.testsupport;

import java.util.Objects;

/**
 * What a skip condition found missing on this machine: the reason the test is skipped with, and what its failure
 * under {@code CI=true} says after {@code "CI=true but "} (usually the same, or with what to run to install it).
 *
 * @param reason   the skip reason
 * @param ciReason the failure under {@code CI=true}, after {@code "CI=true but "}
 * @param cause    what the check caught, kept as the failure's cause; may be null
 */
public record Missing(String reason, String ciReason, Throwable cause) {

    public Missing {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ciReason, "ciReason");
    }

    /** {@code what} is missing: the skip reason, and the failure {@code "CI=true but " + what} under CI. */
    public static Missing of(String what) {
        return new Missing(what, what, null);
    }

    /** Skips with {@code reason}; fails with {@code "CI=true but " + ciReason} under CI. */
    public static Missing of(String reason, String ciReason) {
        return new Missing(reason, ciReason, null);
    }

    /** The same, with what the check caught as the cause of the failure under CI. */
    public Missing causedBy(Throwable caught) {
        return new Missing(reason, ciReason, caught);
    }
}
