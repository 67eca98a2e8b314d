package org.elasticslurm.scenarios.target.libvirttest;

import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
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
        return Requirement.evaluate("libvirt0, the provisioner and fake-slurmctld are here",
                LibvirtTestTarget.missing().map(m -> Missing.of("libvirt-test needs: " + m)));
    }
}
