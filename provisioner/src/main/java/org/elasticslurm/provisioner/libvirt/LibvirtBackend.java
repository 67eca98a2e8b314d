package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineListing;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.cloudinit.SeedIsoBuilder;
import org.elasticslurm.provisioner.process.SupervisedProcess;
import org.jboss.logging.Logger;

/**
 * The libvirt {@link MachineBackend}: pools of mode {@code existing} (Level 2) and {@code create} (Level 3) on one
 * or more hypervisor hosts. Machines are recognised by the metadata in their domain definition, so a restarted
 * service finds them again ({@link #list()}).
 *
 * <p>Ownership: the metadata names the service's owner ({@link LibvirtSettings#owner()}). {@link #list()} (and so
 * restart recovery and the orphan sweep) returns only domains of this owner; domains of another owner are never
 * started, stopped or removed. Metadata without owner (written by older versions) counts as ours only in calls
 * for a node of the pool it names, and a resume writes our owner into it; such domains are not listed, so they
 * are never released as orphans.
 */
public final class LibvirtBackend implements MachineBackend, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LibvirtBackend.class);
    private static final Path KVM_DEVICE = Path.of("/dev/kvm");

    private final Fleet fleet;
    private final DomainTypes types;
    private final boolean kvmProbeNeeded;
    private final Map<String, PoolMachines> pools = new LinkedHashMap<>();
    private final Map<String, PoolMachines> byNode = new LinkedHashMap<>();
    private final String owner;
    private final AtomicReference<List<Integer>> reportedOthers = new AtomicReference<>(List.of(0, 0));

    LibvirtBackend(Fleet fleet, DomainTypes types, List<PoolMachines> pools, String owner) {
        this.fleet = fleet;
        this.owner = owner;
        this.types = types;
        this.kvmProbeNeeded = pools.stream().map(PoolMachines::spec).filter(CreatePoolSpec.class::isInstance)
                .map(CreatePoolSpec.class::cast).filter(p -> p.domainType() == DomainTypePolicy.AUTO)
                .anyMatch(p -> fleet.hosts(p.uri()).stream().anyMatch(h -> DomainTypes.isLocalQemu(h.uri())));
        for (PoolMachines p : pools) {
            this.pools.put(p.spec().name(), p);
            for (String node : p.spec().nodes()) {
                PoolMachines previous = byNode.putIfAbsent(node, p);
                if (previous != null) {
                    throw new IllegalArgumentException("node " + node + " is in pools " + previous.spec().name()
                            + " and " + p.spec().name() + " (a node belongs to at most one pool)");
                }
            }
        }
    }

    /**
     * Builds the backend on the hosts of {@code settings}, connecting lazily (an unreachable host does not stop
     * the service; calls that need it fail transiently).
     *
     * @throws IllegalArgumentException naming every bad pool setting
     */
    public static LibvirtBackend create(LibvirtSettings settings, List<PoolSpec> pools, Clock clock) {
        return create(settings, pools, clock, settings.uris().stream()
                .map(uri -> LibvirtHypervisor.lazy(uri, settings.callTimeout()))
                .map(Hypervisor.class::cast).toList());
    }

    /**
     * Builds the backend on given hypervisors (their URIs must be those of {@code settings}); every call to them is
     * bounded by {@link LibvirtSettings#callTimeout()}.
     */
    public static LibvirtBackend create(LibvirtSettings settings, List<PoolSpec> pools, Clock clock,
                                        List<Hypervisor> hosts) {
        List<String> problems = new ArrayList<>();
        for (PoolSpec p : pools) {
            p.uri().filter(u -> !settings.uris().contains(u)).ifPresent(u -> problems.add("provisioner.pools."
                    + p.name() + ".uri: " + u + " is not one of provisioner.libvirt.uris " + settings.uris()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        SupervisedProcess runner = new SupervisedProcess(clock);
        Path kernel = probeKernel(settings, pools);
        KvmProbe probe = new KvmProbe(runner, settings.qemu(), KVM_DEVICE, kernel, settings.kvmProbeTimeout());
        DomainTypes types = settings.kvmVerdictFile()
                .map(file -> new DomainTypes(probe::probe, new KvmVerdictCache(file, new KvmProbeConditions(
                        KvmProbeConditions.BOOT_ID, settings.qemu(), kernel, KVM_DEVICE, settings.kvmProbeTimeout()),
                        clock), settings.tcgHosts()))
                .orElseGet(() -> new DomainTypes(probe::probe, settings.tcgHosts()));
        SeedIsoBuilder iso = settings.seedWriter() == LibvirtSettings.SeedWriter.BUILTIN ? SeedIsoBuilder.builtIn(clock)
                : new SeedIsoBuilder(runner, settings.genisoimage(), settings.scratch());
        MacAddressPlan macs = MacAddressPlan.assign(pools.stream().filter(CreatePoolSpec.class::isInstance)
                .map(CreatePoolSpec.class::cast)
                .map(p -> new MacAddressPlan.PoolNodes(p.name(), p.macPrefix(), p.nodes(), p.staticAddresses()))
                .toList());
        TapNamePlan taps = TapNamePlan.assign(pools.stream().filter(CreatePoolSpec.class::isInstance)
                .map(CreatePoolSpec.class::cast)
                .filter(p -> p.network().map(n -> n.kind() == DomainSpec.Nic.Kind.ETHERNET).orElse(false))
                .map(p -> new TapNamePlan.PoolNodes(p.name(), p.network().get().source(), p.nodes())).toList());
        TapAttacher attacher = new TapAttacher(runner);
        for (PoolSpec p : pools) {
            if (p instanceof CreatePoolSpec c && c.seed().networkConfig() == CreatePoolSpec.NetworkConfigMode.STATIC) {
                List<String> unmapped = c.nodes().stream()
                        .filter(n -> c.staticAddresses().addressOf(macs.macOf(n)).isEmpty()).toList();
                if (!unmapped.isEmpty()) {
                    problems.add("provisioner.pools." + c.name() + ".network-config=static needs a static address"
                            + " (mac-ip or hosts-file) for every node; missing: " + unmapped.stream()
                            .map(n -> n + " (" + macs.macOf(n) + ")").toList());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Fleet fleet = new Fleet(hosts.stream().map(h -> (Hypervisor) new TimeLimitedHypervisor(h,
                settings.callTimeout())).toList(), clock, settings.capacityRefresh());
        List<PoolMachines> machines = new ArrayList<>();
        for (PoolSpec p : pools) {
            if (p instanceof CreatePoolSpec c) {
                machines.add(new CreatedMachines(c, fleet, types, new SeedMaker(c, iso, settings.slurmConf()), macs,
                        taps, attacher, settings.owner()));
            } else if (p instanceof ExistingPoolSpec e) {
                machines.add(new ExistingMachines(e, fleet, clock, LibvirtBackend::sleep, attacher, settings.owner()));
            }
        }
        return new LibvirtBackend(fleet, types, machines, settings.owner());
    }

    private static Path probeKernel(LibvirtSettings settings, List<PoolSpec> pools) {
        return settings.kvmProbeKernel()
                .or(() -> pools.stream().filter(CreatePoolSpec.class::isInstance).map(CreatePoolSpec.class::cast)
                        .flatMap(p -> p.boot().stream()).map(b -> Path.of(b.kernel())).filter(Files::isReadable)
                        .findFirst())
                .or(LibvirtBackend::newestBootKernel)
                .orElse(Path.of("/boot/vmlinuz"));
    }

    private static Optional<Path> newestBootKernel() {
        try (Stream<Path> files = Files.list(Path.of("/boot"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).filter(Files::isReadable)
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
        } catch (java.io.IOException e) {
            LOG.debugf("no kernel found in /boot for the KVM probe: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for a domain to shut down", true, e);
        }
    }

    /**
     * Runs the KVM probe now, in the background, so its verdict (and why) is logged at start rather than at the
     * first creation; the first creation waits for it. Does nothing (empty) when no pool creates machines of
     * type {@code auto} on a qemu host of this machine.
     */
    public Optional<CompletableFuture<KvmVerdict>> probeKvmInBackground() {
        return kvmProbeNeeded ? Optional.of(CompletableFuture.supplyAsync(types::verdict)) : Optional.empty();
    }

    @Override
    public String kind() {
        return "libvirt";
    }

    private PoolMachines pool(String name) {
        PoolMachines p = pools.get(name);
        if (p == null) {
            throw new BackendException("pool " + name + " is not a libvirt pool " + pools.keySet(), false, null);
        }
        return p;
    }

    @Override
    public Machine ensureRunning(MachineRequest request) {
        PoolMachines p = pool(request.pool());
        if (byNode.get(request.node()) != p) {
            throw new BackendException("node " + request.node() + " is not in pool " + request.pool(), false, null);
        }
        return p.ensureRunning(request);
    }

    @Override
    public Optional<String> address(String node) {
        PoolMachines p = byNode.get(node);
        if (p == null) {
            throw new BackendException("node " + node + " is in no libvirt pool", false, null);
        }
        return p.address(node);
    }

    @Override
    public void release(String node, String pool) {
        PoolMachines p = pools.get(pool);
        if (p != null) {
            p.release(node);
            return;
        }
        for (Hypervisor host : fleet.hosts(Optional.empty())) {
            for (DomainSummary d : host.domains()) {
                if (!d.serves(node, pool) || !d.metadata().orElseThrow().ownedBy(owner)) {
                    continue; // a pool no longer configured: only machines of our owner are ours
                }
                if (d.metadata().map(m -> m.origin() == MachineOrigin.CREATED).orElse(false)) {
                    CreatedMachines.remove(host, d);
                } else if (host.destroy(d.name())) {
                    LOG.warnf("node %s: destroyed domain %s on %s of pool %s, which is no longer configured", node,
                            d.name(), host.uri(), pool);
                }
            }
        }
    }

    /** The machines of this service's owner (domains of other owners, or of none, are left out). */
    @Override
    public List<Machine> list() {
        return listing(false).machines();
    }

    /**
     * The machines of this service's owner on the hosts that answer; a node of a pool that may place its machine on
     * a host that does not answer, and whose machine was not found on another host, is unknown.
     *
     * @throws BackendException when no host answers
     */
    @Override
    public MachineListing listing() {
        return listing(true);
    }

    private MachineListing listing(boolean partial) {
        List<Machine> out = new ArrayList<>();
        Map<String, String> silent = new LinkedHashMap<>();
        int others = 0;
        int unowned = 0;
        List<Hypervisor> hosts = fleet.hosts(Optional.empty());
        for (Hypervisor host : hosts) {
            List<DomainSummary> domains;
            try {
                domains = host.domains();
            } catch (BackendException e) {
                if (!partial) {
                    throw e;
                }
                silent.put(host.uri(), e.getMessage());
                continue;
            }
            for (DomainSummary d : domains) {
                if (d.metadata().isEmpty()) {
                    continue;
                }
                DomainMetadata m = d.metadata().get();
                if (m.ownedBy(owner)) {
                    out.add(new Machine(m.node(), m.pool(), d.name() + "@" + host.uri(), m.operationId(),
                            d.state().active(), staticAddress(m.pool(), d)));
                } else if (m.owner().isPresent()) {
                    others++;
                } else {
                    unowned++;
                }
            }
        }
        if (!hosts.isEmpty() && silent.size() == hosts.size()) {
            throw new BackendException("no hypervisor host answers: " + String.join("; ", silent.values()), true,
                    null);
        }
        if (silent.isEmpty()) {
            reportOthers(others, unowned);
        }
        return new MachineListing(out, unknownNodes(out, silent));
    }

    /** The nodes not found whose pool may place their machine on a silent host, with why. */
    private Map<String, String> unknownNodes(List<Machine> found, Map<String, String> silent) {
        Set<String> listed = found.stream().map(Machine::node).collect(Collectors.toSet());
        Map<String, String> unknown = new LinkedHashMap<>();
        for (PoolMachines p : pools.values()) {
            List<String> silentHosts = fleet.hosts(p.spec().uri()).stream().map(Hypervisor::uri)
                    .filter(silent::containsKey).toList();
            if (silentHosts.isEmpty()) {
                continue;
            }
            String why = "its machine may be on " + String.join(", ", silentHosts) + ", which did not answer ("
                    + silentHosts.stream().map(silent::get).collect(Collectors.joining("; ")) + ")";
            p.spec().nodes().stream().filter(n -> !listed.contains(n)).forEach(n -> unknown.put(n, why));
        }
        return unknown;
    }

    private void reportOthers(int others, int unowned) {
        List<Integer> now = List.of(others, unowned);
        if (!now.equals(reportedOthers.getAndSet(now)) && others + unowned > 0) {
            LOG.infof("not listed as this service's (owner %s), never touched by recovery or the orphan sweep: %d"
                    + " domain(s) of other provisioner services, %d with provisioner metadata but no owner (older"
                    + " versions; adopted when their node, if in our pools, is resumed)", owner, others, unowned);
        }
    }


    private Optional<String> staticAddress(String pool, DomainSummary d) {
        PoolMachines p = pools.get(pool);
        return p == null || !p.spec().nodes().contains(d.metadata().orElseThrow().node()) ? Optional.empty()
                : p.staticAddressOf(d.metadata().get().node(), d);
    }

    /** Whether every host answers (a machine may be on any of them). */
    @Override
    public boolean reachable() {
        return fleet.hosts(Optional.empty()).stream().allMatch(Hypervisor::reachable);
    }

    /** The capacity of every answering host, freshly read. */
    public List<HostCapacity> capacity() {
        return fleet.capacity();
    }

    @Override
    public void close() {
        fleet.close();
    }
}
