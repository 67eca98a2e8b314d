package org.elasticslurm.provisioner.libvirt;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a host for a new machine: hosts where it fits without overcommitting come first, then the one with
 * the most memory headroom, then the most vCPU headroom, then configuration order. When it fits nowhere the
 * roomiest host is still chosen: the hypervisor decides whether it can overcommit, and says so if not.
 */
final class Placement {
    private Placement() {
    }

    static Optional<HostCapacity> choose(List<HostCapacity> hosts, int memoryMiB, int vcpus) {
        Comparator<HostCapacity> best = Comparator
                .comparing((HostCapacity h) -> h.fits(memoryMiB, vcpus)).reversed()
                .thenComparing(Comparator.comparingLong(HostCapacity::memoryHeadroomKiB).reversed())
                .thenComparing(Comparator.comparingInt(HostCapacity::vcpuHeadroom).reversed());
        return hosts.stream().sorted(best).findFirst(); // stable sort: ties keep configuration order
    }
}
