package org.elasticslurm.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, a daemon, a program): without it the test is skipped with the reason,
 * except under {@code CI=true}, where every component is installed and a missing one fails the test instead.
 */
public final class Requirement {

    private Requirement() {
    }

    /** Skips the test (or fails it under {@code CI=true}) with {@code what} when {@code met} is false. */
    public static void require(boolean met, String what) {
        require(met, what, "true".equals(System.getenv("CI")));
    }

    static void require(boolean met, String what, boolean ci) {
        if (!met && ci) {
            throw new AssertionError("CI=true, but the test cannot run: " + what);
        }
        Assumptions.assumeTrue(met, what);
    }
}
