package org.elasticslurm.fake.hook;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs real-process tests only where /usr/bin/perl, /bin/bash and /proc exist; says why it skips, and fails
 * instead of skipping under CI=true.
 */
final class RequiresPerlAndProc implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = !Files.isExecutable(Path.of("/usr/bin/perl")) ? "/usr/bin/perl (Debian: perl-base)"
                : !Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash"
                : !Files.isDirectory(Path.of("/proc/self/fd")) ? "/proc" : null;
        if (missing == null) {
            return ConditionEvaluationResult.enabled("perl, bash and /proc are present");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + missing + " is missing: the hook runner tests must run");
        }
        return ConditionEvaluationResult.disabled("skipped: " + missing + " is missing on this machine");
    }
}
