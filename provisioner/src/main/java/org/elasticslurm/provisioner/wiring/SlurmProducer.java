package org.elasticslurm.provisioner.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.slurm.ProcessRunner;
import org.elasticslurm.provisioner.slurm.ScontrolController;
import org.elasticslurm.provisioner.slurm.SlurmController;

/** Makes the Slurm port: scontrol at {@code provisioner.slurm.scontrol}, SLURM_CONF = {@code provisioner.slurm-conf}. */
@ApplicationScoped
public class SlurmProducer {

    /** The controller port. */
    @Produces
    @Singleton
    SlurmController slurm(ValidatedConfig config) {
        ProvisionerConfig c = config.get();
        return new ScontrolController(c.slurm().scontrol(), c.slurmConf(), c.slurm().timeout(), new ProcessRunner());
    }
}
