package org.elasticslurm.fake.hook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs real-process tests only where /usr/bin/perl, /bin/bash and /proc exist; says why it skips, and fails
 * instead of skipping under CI=true.
 */
public final class RequiresPerlAndProc implements ExecutionCondition {

    /** What real hook processes need that this machine lacks: perl, bash or /proc. */
    public static Optional<String> missing() {
        return Optional.ofNullable(!Files.isExecutable(Path.of("/usr/bin/perl")) ? "/usr/bin/perl (Debian: perl-base)"
                : !Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash"
                : !Files.isDirectory(Path.of("/proc/self/fd")) ? "/proc" : null);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Requirement.evaluate("perl, bash and /proc are present", missing().map(m -> Missing.of(
                "skipped: " + m + " is missing on this machine", m + " is missing: the hook runner tests must run")));
    }
}
