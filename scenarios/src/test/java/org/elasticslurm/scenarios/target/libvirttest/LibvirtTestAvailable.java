package org.elasticslurm.scenarios.target.libvirttest;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test only where libvirt's library and the packaged provisioner and fake-slurmctld are present, saying why
 * it skips otherwise; in CI ({@code CI=true}) their absence fails the test instead.
 */
final class LibvirtTestAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = LibvirtTestTarget.missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("libvirt0, the provisioner and fake-slurmctld are here");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but libvirt-test needs: " + missing.get());
        }
        return ConditionEvaluationResult.disabled("libvirt-test needs: " + missing.get());
    }
}
