package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.operation.OperationEngine;

/**
 * Ready only while the operation log can be written; each call probes a failing log, so readiness is UP
 * again as soon as the log can be written (e.g. space was freed).
 */
@Readiness
@ApplicationScoped
public class OperationLogReadiness implements HealthCheck {
    private final OperationEngine engine;
    private final String file;

    OperationLogReadiness(OperationEngine engine, ValidatedConfig config) {
        this.engine = engine;
        this.file = config.get().operationLog().toString();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("operation-log").withData("file", file);
        Optional<String> failure = engine.journalFailure();
        return failure.isEmpty() ? response.up().build() : response.down().withData("error", failure.get()).build();
    }
}
