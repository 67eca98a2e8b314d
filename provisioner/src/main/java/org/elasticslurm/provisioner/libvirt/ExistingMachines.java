package org.elasticslurm.provisioner.libvirt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.jboss.logging.Logger;

/**
 * Level 2: the node's domain exists already. Resume records our metadata in it and starts it; suspend asks it to
 * shut down (ACPI power button, pressed again every 5 s) and destroys it when the grace period passes. The domain
 * is never undefined.
 */
final class ExistingMachines implements PoolMachines {
    private static final Logger LOG = Logger.getLogger(ExistingMachines.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPRESS = Duration.ofSeconds(5);

    /**
     * Where a node's domain is.
     *
     * @param host its host
     * @param domain the domain as found
     */
    record Located(Hypervisor host, DomainSummary domain) {
    }

    private final ExistingPoolSpec spec;
    private final Fleet fleet;
    private final Clock clock;
    private final Pause pause;
    private final TapAttacher attacher;
    private final String owner;

    /** How to wait between polls (injected so the wait is the caller's choice). */
    interface Pause {
        /** Waits about {@code d}. */
        void sleep(Duration d);
    }

    ExistingMachines(ExistingPoolSpec spec, Fleet fleet, Clock clock, Pause pause, TapAttacher attacher,
                     String owner) {
        this.owner = owner;
        this.spec = spec;
        this.fleet = fleet;
        this.clock = clock;
        this.pause = pause;
        this.attacher = attacher;
    }

    @Override
    public PoolSpec spec() {
        return spec;
    }

    /** Whether its metadata names an owner other than this service. */
    private boolean foreign(DomainSummary d) {
        return d.metadata().flatMap(DomainMetadata::owner).filter(o -> !o.equals(owner)).isPresent();
    }

    /** The node's domain unless another service owns it (that one is left alone). */
    private Optional<Located> locateOurs(String node) {
        Optional<Located> found = locate(node);
        if (found.isPresent() && foreign(found.get().domain())) {
            LOG.warnf("node %s: leaving domain %s on %s alone: it is managed by another provisioner service (owner"
                    + " %s)", node, found.get().domain().name(), found.get().host().uri(),
                    found.get().domain().metadata().flatMap(DomainMetadata::owner).orElseThrow());
            return Optional.empty();
        }
        return found;
    }

    /** The node's domain: by name on each host, else by our metadata (of no other owner). */
    Optional<Located> locate(String node) {
        String name = spec.domainName(node);
        List<Hypervisor> hosts = fleet.hosts(spec.uri());
        for (Hypervisor h : hosts) {
            Optional<DomainSummary> d = h.domain(name);
            if (d.isPresent()) {
                return Optional.of(new Located(h, d.get()));
            }
        }
        for (Hypervisor h : hosts) {
            for (DomainSummary d : h.domains()) {
                if (d.serves(node, spec.name()) && !foreign(d)) {
                    return Optional.of(new Located(h, d));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Machine ensureRunning(MachineRequest request) {
        String node = request.node();
        Located at = locate(node).orElseThrow(() -> new BackendException("no domain for node " + node + " of pool "
                + spec.name() + ": none named '" + spec.domainName(node) + "' and none carrying our metadata for it on "
                + fleet.hosts(spec.uri()).stream().map(Hypervisor::uri).toList(), false, null));
        DomainSummary d = at.domain();
        if (foreign(d)) {
            throw new BackendException("domain " + d.name() + " on " + at.host().uri() + " is managed by another"
                    + " provisioner service (owner " + d.metadata().flatMap(DomainMetadata::owner).orElseThrow()
                    + "; this service is " + owner + "); refusing to start it (to hand it over, stop that service's"
                    + " use of it and remove its metadata: virsh metadata " + d.name() + " " + DomainMetadata.NAMESPACE
                    + " --config --remove)", false, null);
        }
        if (d.metadata().isPresent() && !d.serves(node, spec.name())) {
            DomainMetadata other = d.metadata().get();
            throw new BackendException("domain " + d.name() + " on " + at.host().uri() + " belongs to node "
                    + other.node() + " of pool " + other.pool() + ", not to node " + node + " of pool " + spec.name(),
                    false, null);
        }
        if (d.state() == DomainState.SHUTTING_DOWN) {
            throw new BackendException("domain " + d.name() + " on " + at.host().uri() + " is still shutting down",
                    true, null);
        }
        DomainMetadata metadata = new DomainMetadata(node, spec.name(), request.operationId(),
                MachineOrigin.EXISTING, List.of(), Optional.empty(), Optional.of(owner));
        at.host().setMetadata(d.name(), metadata);
        List<String> notes = attacher.start(at.host(), d.name(), node, spec.name(), spec.attach());
        LOG.infof("node %s: started existing domain %s on %s", node, d.name(), at.host().uri());
        return new Machine(node, spec.name(), d.name() + "@" + at.host().uri(), request.operationId(), true,
                staticAddressOf(node, d), notes);
    }

    /** By the domain's MAC; for a domain without interface, by the static map's line naming the node. */
    @Override
    public Optional<String> staticAddressOf(String node, DomainSummary d) {
        return d.macs().isEmpty() ? spec.staticAddresses().addressOfHost(node)
                : spec.staticAddresses().addressOf(d.macs().get(0));
    }

    @Override
    public Optional<String> address(String node) {
        return locateOurs(node).flatMap(at -> at.domain().macs().isEmpty() ? staticAddressOf(node, at.domain())
                : Addresses.find(at.host(), at.domain(), spec, at.domain().macs().get(0)));
    }

    @Override
    public void release(String node) {
        Optional<Located> found = locateOurs(node);
        if (found.isEmpty() || !found.get().domain().state().active()) {
            return;
        }
        Hypervisor host = found.get().host();
        String name = found.get().domain().name();
        Instant start = clock.instant();
        Instant deadline = start.plus(spec.shutdownGrace());
        Instant nextPress = start;
        while (clock.instant().isBefore(deadline)) {
            if (!clock.instant().isBefore(nextPress)) {
                host.shutdown(name); // pressed again: a guest may miss a press while it boots
                nextPress = nextPress.plus(REPRESS);
            }
            if (host.domain(name).map(d -> !d.state().active()).orElse(true)) {
                LOG.infof("node %s: domain %s on %s shut down", node, name, host.uri());
                return;
            }
            pause.sleep(POLL);
        }
        if (host.destroy(name)) {
            LOG.warnf("node %s: domain %s on %s did not shut down within %s; destroyed it", node, name, host.uri(),
                    spec.shutdownGrace());
        }
    }
}
