package org.elasticslurm.provisioner.libvirt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineBackendFactory;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.provisioner.config.BackendKind;
import org.elasticslurm.provisioner.config.Owner;
import org.elasticslurm.provisioner.config.Pools;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.jboss.logging.Logger;

/** Builds the libvirt backend from the service configuration when {@code provisioner.backend=libvirt}. */
@ApplicationScoped
public class LibvirtBackendFactory implements MachineBackendFactory {
    private static final Logger LOG = Logger.getLogger(LibvirtBackendFactory.class);

    private final ValidatedConfig config;
    private final Pools pools;
    private final Clock clock;
    private final SlurmConf slurmConf;

    /** The CDI constructor. */
    @Inject
    public LibvirtBackendFactory(ValidatedConfig config, Pools pools, Clock clock, SlurmConf slurmConf) {
        this.config = config;
        this.pools = pools;
        this.clock = clock;
        this.slurmConf = slurmConf;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.LIBVIRT;
    }

    @Override
    public MachineBackend create() {
        Owner owner = Owner.resolve(config.get().owner(), slurmConf);
        LOG.infof("libvirt backend: owner %s (only domains of this owner are listed, recovered and cleaned up)",
                owner);
        LibvirtBackend backend;
        try {
            backend = LibvirtBackend.create(LibvirtConfigMapping.settings(config.get(), owner),
                    LibvirtConfigMapping.pools(pools.all().values()), clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("libvirt backend: " + e.getMessage(), e);
        }
        backend.probeKvmInBackground().ifPresent(probe -> probe.whenComplete((verdict, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "the KVM probe failed; domains will use type qemu where kvm is not forced");
            }
        }));
        return backend;
    }
}
