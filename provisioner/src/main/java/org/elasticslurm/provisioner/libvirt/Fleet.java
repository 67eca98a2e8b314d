package org.elasticslurm.provisioner.libvirt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * The hypervisor hosts, and a short-lived snapshot of their capacity and of the MACs in use, used for placement.
 * Placements made since the snapshot are reserved in it, so parallel creations spread over the hosts.
 */
final class Fleet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Fleet.class);

    private final Map<String, Hypervisor> hosts;
    private final Clock clock;
    private final Duration refresh;
    private Instant taken = Instant.MIN;
    private Map<String, HostCapacity> capacity = Map.of();
    private Map<String, String> macUsers = Map.of();

    /**
     * @param hosts the hosts in configuration order
     * @param clock decides when the snapshot is stale
     * @param refresh how long a snapshot is reused
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
     * Picks the host for a new machine and reserves its size there.
     *
     * @throws BackendException (transient) when no candidate host answers
     */
    synchronized String place(Optional<String> pinned, int memoryMiB, int vcpus) {
        refreshIfStale();
        List<HostCapacity> candidates = new ArrayList<>();
        for (Hypervisor h : hosts(pinned)) {
            HostCapacity c = capacity.get(h.uri());
            if (c != null) {
                candidates.add(c);
            }
        }
        HostCapacity chosen = Placement.choose(candidates, memoryMiB, vcpus).orElseThrow(() -> new BackendException(
                "no hypervisor host answers among " + hosts(pinned).stream().map(Hypervisor::uri).toList(), true,
                null));
        if (!chosen.fits(memoryMiB, vcpus)) {
            LOG.warnf("a machine of %d MiB / %d vCPUs fits on no host without overcommitting; %s has the most room"
                    + " (%d MiB, %d vCPUs)", memoryMiB, vcpus, chosen.uri(), chosen.memoryHeadroomKiB() / 1024,
                    chosen.vcpuHeadroom());
        }
        Map<String, HostCapacity> updated = new HashMap<>(capacity);
        updated.put(chosen.uri(), chosen.reserve(memoryMiB, vcpus));
        capacity = updated;
        return chosen.uri();
    }

    /** Which domain (as {@code name@uri}) uses a MAC, per the last snapshot. */
    synchronized Optional<String> macUser(String mac) {
        refreshIfStale();
        return Optional.ofNullable(macUsers.get(mac.toLowerCase()));
    }

    /** The capacity of every answering host, per a fresh snapshot. */
    synchronized List<HostCapacity> capacity() {
        taken = Instant.MIN;
        refreshIfStale();
        return List.copyOf(capacity.values());
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        if (!taken.equals(Instant.MIN) && now.isBefore(taken.plus(refresh))) {
            return;
        }
        Map<String, HostCapacity> cap = new LinkedHashMap<>();
        Map<String, String> macs = new HashMap<>();
        for (Hypervisor h : hosts.values()) {
            try {
                HostResources r = h.resources();
                int vcpus = 0;
                long memory = 0;
                for (DomainSummary d : h.domains()) {
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
            } catch (BackendException e) {
                LOG.warnf("host %s left out of placement: %s", h.uri(), e.getMessage());
            }
        }
        capacity = cap;
        macUsers = macs;
        taken = now;
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
