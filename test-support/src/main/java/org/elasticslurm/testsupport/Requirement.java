package org.elasticslurm.testsupport;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * What a test needs from the machine (root, a daemon, a program): without it the test is skipped with the reason,
 * except under {@code CI=true}, where every component is installed and a missing one fails the test instead.
 * {@link #require} is for a test that checks by itself; {@link #evaluate} is the answer of a JUnit
 * {@code ExecutionCondition}, which only finds out what is missing.
 */
public final class Requirement {

    private Requirement() {
    }

    /** Skips the test (or fails it under {@code CI=true}) with {@code what} when {@code met} is false. */
    public static void require(boolean met, String what) {
        require(met, what, ci(System.getenv()));
    }

    static void require(boolean met, String what, boolean ci) {
        if (!met && ci) {
            throw new AssertionError("CI=true, but the test cannot run: " + what);
        }
        Assumptions.assumeTrue(met, what);
    }

    /**
     * A skip condition's answer: enabled with {@code present} when nothing is {@code missing}; otherwise disabled
     * with the missing reason, or, under {@code CI=true}, an {@link IllegalStateException}
     * {@code "CI=true but " + ciReason} that fails the test.
     */
    public static ConditionEvaluationResult evaluate(String present, Optional<Missing> missing) {
        return evaluate(present, missing, System.getenv());
    }

    static ConditionEvaluationResult evaluate(String present, Optional<Missing> missing, Map<String, String> env) {
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(present);
        }
        if (ci(env)) {
            throw new IllegalStateException("CI=true but " + missing.get().ciReason(), missing.get().cause());
        }
        return ConditionEvaluationResult.disabled(missing.get().reason());
    }

    /** Whether the environment says CI: {@code CI=true}, in any case. */
    static boolean ci(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.get("CI"));
    }
}
