package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.elasticslurm.provisioner.operation.OperationEngine;

/**
 * Ready only once the restart recovery has run: while the backend could not list its machines at start (it is
 * tried again, see {@code provisioner.recovery-retry}), no new operation is accepted. Nodes whose machine may be
 * on a host that did not answer are named ({@code unknown-nodes}) while the others are served.
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
        if (pending.isPresent()) {
            return response.down().withData("error", pending.get()).build();
        }
        Map<String, String> unknown = engine.unknownNodes();
        return unknown.isEmpty() ? response.up().build()
                : response.up().withData("unknown-nodes", String.join(", ", unknown.keySet())).build();
    }
}
