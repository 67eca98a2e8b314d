package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.slurm.SlurmController;
import org.elasticslurm.provisioner.slurm.SlurmException;

/** Ready only while scontrol exists and the controller answers {@code scontrol ping}. */
@Readiness
@ApplicationScoped
public class SlurmReadiness implements HealthCheck {
    private final SlurmController slurm;
    private final Path scontrol;

    SlurmReadiness(SlurmController slurm, ValidatedConfig config) {
        this.slurm = slurm;
        this.scontrol = config.get().slurm().scontrol();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("slurm").withData("scontrol", scontrol.toString());
        if (!Files.isExecutable(scontrol)) {
            return response.down().withData("error", scontrol + " is missing or not executable").build();
        }
        try {
            slurm.ping();
            return response.up().build();
        } catch (SlurmException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
