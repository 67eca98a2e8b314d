package org.elasticslurm.provisioner.libvirt;

import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.config.BackendKind;
import org.elasticslurm.provisioner.config.Owner;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.wiring.MachineBackendFactory;
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
            LibvirtSettings settings = LibvirtConfigMapping.settings(config.get(), owner);
            List<Hypervisor> hosts = settings.uris().stream()
                    .map(uri -> LibvirtHypervisor.lazy(uri, settings.callTimeout()))
                    .map(Hypervisor.class::cast).toList();
            Optional<String> faults = config.get().libvirt().testFaults();
            if (faults.isPresent()) {
                hosts = faultInjecting(hosts, faults.get());
            }
            backend = LibvirtBackend.create(settings, LibvirtConfigMapping.pools(pools.all().values(), config.get().pools()), clock, hosts);
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

    private static List<Hypervisor> faultInjecting(List<Hypervisor> hosts, String setting) {
        if (ConfigUtils.getProfiles().contains("prod")) {
            throw new IllegalStateException("provisioner.libvirt.test-faults is a test-only setting: it makes libvirt"
                    + " calls fail on purpose and is refused in the prod profile (active profiles: "
                    + ConfigUtils.getProfiles() + "); remove it, or run under another profile (-Dquarkus.profile=chaos)");
        }
        FaultPlan plan = FaultPlan.parse(setting);
        LOG.warnf("TEST ONLY: libvirt fault injection on (%s)", plan);
        return hosts.stream().map(h -> (Hypervisor) new FaultInjectingHypervisor(h, plan)).toList();
    }
}
