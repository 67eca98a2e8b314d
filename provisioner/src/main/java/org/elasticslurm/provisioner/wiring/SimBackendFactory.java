package org.elasticslurm.provisioner.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.backend.sim.SimSettings;
import org.elasticslurm.provisioner.config.BackendKind;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.wiring.MachineBackendFactory;

/** Makes the simulated backend from {@code provisioner.sim.*}. */
@ApplicationScoped
public class SimBackendFactory implements MachineBackendFactory {
    private final ValidatedConfig config;
    private final Clock clock;

    SimBackendFactory(ValidatedConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.SIM;
    }

    @Override
    public MachineBackend create() {
        ProvisionerConfig.Sim s = config.get().sim();
        return new SimBackend(new SimSettings(s.bootDelay(), s.jitter(), s.failureProbability(),
                s.transientFailureProbability(), s.seed(), s.firstAddress()), clock);
    }
}
