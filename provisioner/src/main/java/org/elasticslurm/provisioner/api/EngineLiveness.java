package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.elasticslurm.provisioner.operation.OperationEngine;

/** Alive once the engine has been built (readiness says whether recovery has run); reports the number of pool nodes. */
@Liveness
@ApplicationScoped
public class EngineLiveness implements HealthCheck {
    private final OperationEngine engine;

    EngineLiveness(OperationEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("engine").up().withData("nodes", engine.nodes().size()).build();
    }
}
