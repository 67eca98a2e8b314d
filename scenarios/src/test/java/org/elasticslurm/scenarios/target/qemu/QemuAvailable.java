package org.elasticslurm.scenarios.target.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test only where the qemu target can run with both controllers (root, libvirtd with qemu, dnsmasq,
 * Debian's slurm-wlm, munged, the packaged provisioner and fake-slurmctld with its guest bundle), saying why it
 * skips otherwise; in CI ({@code CI=true}) their absence fails the test instead, as ci/test.sh installs and starts
 * them.
 */
final class QemuAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        for (ControllerKind c : ControllerKind.values()) {
            QemuTarget.standard(c).missing().ifPresent(missing::add);
        }
        return Requirement.evaluate("everything the qemu target needs is here", missing.isEmpty() ? Optional.empty()
                : Optional.of(Missing.of(String.join("; ", missing))));
    }
}
