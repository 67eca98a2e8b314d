package org.elasticslurm.lab.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where Debian's Slurm 22.05 can run: slurmctld, slurmd, scontrol, srun and sbatch installed,
 * munged answering. Without them the test is skipped with the reason, except when {@code CI=true}: CI installs
 * and starts them ({@code ci/install-packages.sh}, {@code ci/start-munge.sh}), so there their absence fails.
 * The one real-Slurm skip condition of every module's tests (fake-slurmctld, provisioner, scenarios): slurm-lab's
 * test jar.
 */
public final class RealSlurmAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Requirement.evaluate("Debian's slurmctld 22.05 and munged are available",
                missing().map(m -> Missing.of("real Slurm cannot run here: " + m, "real Slurm cannot run: " + m
                        + " (run ci/install-packages.sh and ci/start-munge.sh first)")));
    }

    static Optional<String> missing() {
        for (String exe : List.of("/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/scontrol", "/usr/bin/srun",
                "/usr/bin/sbatch", "/usr/bin/munge")) {
            if (!Files.isExecutable(Path.of(exe))) {
                return Optional.of(exe + " is not installed (Debian packages slurm-wlm, slurm-client, munge)");
            }
        }
        CommandResult munge = CommandResult.run(List.of("/usr/bin/munge", "-n"), Map.copyOf(System.getenv()),
                Path.of("."), Duration.ofSeconds(10));
        if (munge.exitCode() != 0) {
            return Optional.of("munged does not answer ('munge -n' failed: " + munge.stderr().strip() + ")");
        }
        return Optional.empty();
    }
}
