package org.elasticslurm.scenarios.target.realslurm;

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
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        String why = "no Docker engine answers (start one with ci/start-docker.sh)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}
