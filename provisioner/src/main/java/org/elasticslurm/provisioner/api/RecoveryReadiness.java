package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.elasticslurm.provisioner.operation.OperationEngine;

/**
 * Ready only once the restart recovery has run: while the backend could not list its machines at start (it is
 * tried again, see {@code provisioner.recovery-retry}), no new operation is accepted.
 */
@Readiness
@ApplicationScoped
public class RecoveryReadiness implements HealthCheck {
    private final OperationEngine engine;

    RecoveryReadiness(OperationEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("recovery");
        Optional<String> pending = engine.recoveryPending();
        return pending.isEmpty() ? response.up().build() : response.down().withData("error", pending.get()).build();
    }
}
