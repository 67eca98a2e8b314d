package org.elasticslurm.scenarios.target.realslurm;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test only where fake-slurmctld's drop-in commands have been built (the checkout's
 * {@code fake-slurmctld/target/bin}), saying why it skips otherwise; in CI ({@code CI=true}) their absence fails
 * the test instead, as CI packages fake-slurmctld before this module's integration tests.
 */
final class FakeRealtimeAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = SlurmBinaries.fakeDropIns().missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("fake-slurmctld's drop-ins are built");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + missing.get());
        }
        return ConditionEvaluationResult.disabled(missing.get());
    }
}
