package org.elasticslurm.scenarios.target.realslurm;

import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
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
        return Requirement.evaluate("fake-slurmctld's drop-ins are built",
                SlurmBinaries.fakeDropIns().missing().map(Missing::of));
    }
}
