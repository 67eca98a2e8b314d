package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.elasticslurm.provisioner.backend.MachineBackend;

/** Ready only while the backend can be reached. */
@Readiness
@ApplicationScoped
public class BackendReadiness implements HealthCheck {
    private final MachineBackend backend;

    BackendReadiness(MachineBackend backend) {
        this.backend = backend;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("backend").status(backend.reachable()).withData("kind", backend.kind()).build();
    }
}
