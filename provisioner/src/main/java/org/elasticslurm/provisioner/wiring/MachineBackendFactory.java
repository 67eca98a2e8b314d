package org.elasticslurm.provisioner.wiring;

import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.config.BackendKind;

/**
 * Makes the backend selected by {@code provisioner.backend}. Each backend ships one CDI bean implementing this
 * ({@code @ApplicationScoped}); {@link BackendProducer} calls {@link #create()} only on the selected one, so an
 * unused backend never connects anywhere.
 */
public interface MachineBackendFactory {

    /** The {@code provisioner.backend} value this factory serves. */
    BackendKind kind();

    /** Builds the backend; may connect and validate its pool settings, throwing with a clear message. */
    MachineBackend create();
}
