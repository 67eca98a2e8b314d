package org.elasticslurm.fake.server;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.fake.hook.RequiresPerlAndProc;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where the drop-in commands can run: {@code target/bin} built by {@code mvn package}, and
 * perl (the hook launcher), bash and /proc present. Says why it skips; under {@code CI=true} it fails instead.
 */
public final class DropInCommandsAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = null;
        for (String name : List.of("slurmctld", "slurmd", "scontrol", "sinfo", "squeue", "srun", "sbatch")) {
            if (!Files.isExecutable(FakeCluster.BIN.resolve(name))) {
                missing = FakeCluster.BIN.resolve(name) + " (run 'mvn package' first)";
                break;
            }
        }
        if (missing == null) {
            missing = RequiresPerlAndProc.missing().orElse(null);
        }
        return Requirement.evaluate("the drop-in commands, perl, bash and /proc are present",
                Optional.ofNullable(missing).map(m -> Missing.of("skipped: " + m + " is missing",
                        m + " is missing: the drop-in tests must run")));
    }
}
