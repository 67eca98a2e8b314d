package org.elasticslurm.scenarios.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test only where Debian's {@code chromium} is installed, saying why it skips otherwise; in CI
 * ({@code CI=true}) a missing chromium fails the test instead, as CI installs it (ci/install-packages.sh).
 */
final class ChromiumAvailable implements ExecutionCondition {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Requirement.evaluate(CHROMIUM + " is installed", Files.isExecutable(CHROMIUM) ? Optional.empty()
                : Optional.of(Missing.of(CHROMIUM + " is not installed (apt-get install chromium): the "
                        + "HTML report is not rendered in a browser here", CHROMIUM + " is missing: "
                        + "ci/install-packages.sh installs Debian's chromium package")));
    }
}
