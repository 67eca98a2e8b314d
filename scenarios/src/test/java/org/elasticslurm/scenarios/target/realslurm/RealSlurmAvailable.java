package org.elasticslurm.scenarios.target.realslurm;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test only where Debian's slurm-wlm and a running munged are present, saying why it skips otherwise;
 * in CI ({@code CI=true}) their absence fails the test instead, as CI installs and starts them
 * (ci/install-packages.sh, ci/start-munge.sh).
 */
final class RealSlurmAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = RealSlurmTarget.debian().missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Debian's slurm-wlm and munged are here");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + missing.get());
        }
        return ConditionEvaluationResult.disabled(missing.get());
    }
}
