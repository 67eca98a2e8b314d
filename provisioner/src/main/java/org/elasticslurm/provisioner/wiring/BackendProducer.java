package org.elasticslurm.provisioner.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.pool.InvalidConfigException;

/** Selects the backend named by {@code provisioner.backend} among the {@link MachineBackendFactory} beans. */
@ApplicationScoped
public class BackendProducer {

    /** The backend in use. */
    @Produces
    @Singleton
    MachineBackend backend(ValidatedConfig config, @Any Instance<MachineBackendFactory> factories) {
        List<MachineBackendFactory> matching = factories.stream().filter(f -> f.kind() == config.get().backend()).toList();
        if (matching.isEmpty()) {
            throw new InvalidConfigException(List.of("provisioner.backend: no backend of kind "
                    + config.get().backend().name().toLowerCase(java.util.Locale.ROOT) + " is available in this build"));
        }
        if (matching.size() > 1) {
            throw new IllegalStateException("two backends of kind " + config.get().backend() + ": " + matching);
        }
        return matching.get(0).create();
    }
}
