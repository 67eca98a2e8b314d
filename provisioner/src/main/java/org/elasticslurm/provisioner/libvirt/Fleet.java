package org.elasticslurm.provisioner.libvirt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * The hypervisor hosts, and a short-lived snapshot of their capacity, capabilities and the MACs in use, for
 * placement. Placements made since the snapshot are kept as reservations on top of it, so parallel creations
 * spread over the hosts. A stale snapshot is renewed by one caller while the others go on with the old one.
 */
final class Fleet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Fleet.class);

    private record Snapshot(Instant taken, Map<String, HostCapacity> capacity, Map<String, String> macUsers,
                            Map<String, GuestCapabilities> capabilities, Map<String, Set<String>> domainNames) {
    }

    private record Reservation(Instant at, String uri, int memoryMiB, int vcpus) {
    }

    private final Map<String, Hypervisor> hosts;
    private final Clock clock;
    private final Duration refresh;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object lock = new Object();
    private Snapshot snapshot; // guarded by lock
    private final List<Reservation> reservations = new ArrayList<>(); // guarded by lock
    private final KnownDomains known = new KnownDomains();

    /**
     * @param hosts the hosts in configuration order
     * @param clock decides when the snapshot is stale
     * @param refresh how long a snapshot is used
     */
    Fleet(List<Hypervisor> hosts, Clock clock, Duration refresh) {
        Map<String, Hypervisor> byUri = new LinkedHashMap<>();
        hosts.forEach(h -> byUri.put(h.uri(), h));
        this.hosts = byUri;
        this.clock = clock;
        this.refresh = refresh;
    }

    Hypervisor host(String uri) {
        Hypervisor h = hosts.get(uri);
        if (h == null) {
            throw new BackendException("host " + uri + " is not one of provisioner.libvirt.uris " + hosts.keySet(),
                    false, null);
        }
        return h;
    }

    /** The hosts to search: the pinned one, or all. */
    List<Hypervisor> hosts(Optional<String> pinned) {
        return pinned.map(u -> List.of(host(u))).orElseGet(() -> List.copyOf(hosts.values()));
    }

    /**
     * Picks the host for a new machine of domain {@code name} and reserves its size there. From now on the host
     * may have the domain: call {@link #creationEnded} when the creation ends, however it ends.
     *
     * @throws BackendException (transient) when no candidate host answers
     */
    String place(Optional<String> pinned, String name, int memoryMiB, int vcpus) {
        Snapshot s = current();
        synchronized (lock) {
            Map<String, HostCapacity> capacity = withReservations(s);
            List<HostCapacity> candidates = new ArrayList<>();
            for (Hypervisor h : hosts(pinned)) {
                Optional.ofNullable(capacity.get(h.uri())).ifPresent(candidates::add);
            }
            HostCapacity chosen = Placement.choose(candidates, memoryMiB, vcpus).orElseThrow(() ->
                    new BackendException("no hypervisor host answers among " + hosts(pinned).stream()
                            .map(Hypervisor::uri).toList(), true, null));
            if (!chosen.fits(memoryMiB, vcpus)) {
                LOG.warnf("a machine of %d MiB / %d vCPUs fits on no host without overcommitting; %s has the most"
                        + " room (%d MiB, %d vCPUs)", memoryMiB, vcpus, chosen.uri(), chosen.memoryHeadroomKiB() / 1024,
                        chosen.vcpuHeadroom());
            }
            reservations.add(new Reservation(clock.instant(), chosen.uri(), memoryMiB, vcpus));
            known.creating(chosen.uri(), name);
            return chosen.uri();
        }
    }

    /** The creation of domain {@code name} on the host ended (made or rolled back); it may still be there. */
    void creationEnded(String uri, String name) {
        known.creationEnded(uri, name, clock.instant());
    }

    /** The host answered that it has no domain {@code name} (any was removed). */
    void removed(String uri, String name) {
        known.removed(uri, name, clock.instant());
    }

    /** Which domain (as {@code name@uri}) uses a MAC, per the current snapshot. */
    Optional<String> macUser(String mac) {
        return Optional.ofNullable(current().macUsers().get(mac.toLowerCase()));
    }

    /** A host's capabilities, per the current snapshot (read directly when the host did not answer then). */
    GuestCapabilities capabilities(String uri) {
        GuestCapabilities caps = current().capabilities().get(uri);
        return caps != null ? caps : host(uri).capabilities();
    }

    /** The capacity of every answering host, freshly read, with placements not yet visible in it. */
    List<HostCapacity> capacity() {
        Snapshot s = take();
        synchronized (lock) {
            install(s);
            return List.copyOf(withReservations(s).values());
        }
    }

    private Snapshot current() {
        Snapshot s;
        synchronized (lock) {
            s = snapshot;
        }
        if (s == null) {
            synchronized (refreshing) { // the very first snapshot: everyone waits for it
                synchronized (lock) {
                    s = snapshot;
                }
                if (s == null) {
                    s = take();
                    synchronized (lock) {
                        install(s);
                    }
                }
            }
            return s;
        }
        if (!clock.instant().isBefore(s.taken().plus(refresh)) && refreshing.compareAndSet(false, true)) {
            try {
                Snapshot renewed = take();
                synchronized (lock) {
                    install(renewed);
                }
                return renewed;
            } finally {
                refreshing.set(false);
            }
        }
        return s;
    }

    private void install(Snapshot s) {
        if (snapshot == null || !s.taken().isBefore(snapshot.taken())) {
            snapshot = s;
            reservations.removeIf(r -> r.at().isBefore(s.taken()));
        }
        s.domainNames().forEach((uri, names) -> known.listed(uri, s.taken(), names));
    }

    /**
     * Whether the host is known to have no domain of this name: it had none when it last answered a listing of
     * this service, and no creation of it there began since, or this service removed it since. Only then can a host
     * that does not answer now be passed over when looking for the domain. False for a host never listed.
     */
    boolean lastSeenWithout(String uri, String domain) {
        current();
        return known.knownWithout(uri, domain);
    }

    private Map<String, HostCapacity> withReservations(Snapshot s) {
        Map<String, HostCapacity> capacity = new LinkedHashMap<>(s.capacity());
        for (Reservation r : reservations) {
            capacity.computeIfPresent(r.uri(), (u, c) -> c.reserve(r.memoryMiB(), r.vcpus()));
        }
        return capacity;
    }

    private Snapshot take() {
        Instant taken = clock.instant();
        Map<String, HostCapacity> cap = new LinkedHashMap<>();
        Map<String, String> macs = new HashMap<>();
        Map<String, GuestCapabilities> caps = new HashMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        for (Hypervisor h : hosts.values()) {
            try {
                HostResources r = h.resources();
                int vcpus = 0;
                long memory = 0;
                Set<String> seen = new HashSet<>();
                for (DomainSummary d : h.domains()) {
                    seen.add(d.name());
                    boolean aboutToStart = d.metadata().map(m -> m.origin() == MachineOrigin.CREATED).orElse(false);
                    if (d.state().active() || aboutToStart) {
                        vcpus += d.vcpus();
                        memory += d.memoryKiB();
                    }
                    for (String mac : d.macs()) {
                        macs.put(mac, d.name() + "@" + h.uri());
                    }
                }
                cap.put(h.uri(), new HostCapacity(h.uri(), r.cpus(), r.memoryKiB(), r.freeMemoryKiB(), vcpus, memory));
                caps.put(h.uri(), h.capabilities());
                names.put(h.uri(), Set.copyOf(seen));
            } catch (BackendException e) {
                LOG.warnf("host %s left out of placement: %s", h.uri(), e.getMessage());
            }
        }
        return new Snapshot(taken, cap, macs, caps, names);
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Hypervisor h : hosts.values()) {
            try {
                h.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
