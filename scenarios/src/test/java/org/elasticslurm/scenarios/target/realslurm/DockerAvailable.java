package org.elasticslurm.scenarios.target.realslurm;

import java.util.Optional;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the test only where a Docker engine answers (ci/start-docker.sh starts one), saying why it skips
 * otherwise; in CI ({@code CI=true}) its absence fails the test instead.
 */
final class DockerAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Requirement.evaluate("a Docker engine answers", DockerClientFactory.instance().isDockerAvailable()
                ? Optional.empty()
                : Optional.of(Missing.of("no Docker engine answers (start one with ci/start-docker.sh)")));
    }
}
