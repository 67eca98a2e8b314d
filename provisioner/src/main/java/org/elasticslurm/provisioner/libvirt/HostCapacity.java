package org.elasticslurm.provisioner.libvirt;

/**
 * A host's room for more machines.
 *
 * @param uri the host
 * @param cpus logical CPUs
 * @param memoryKiB total memory
 * @param freeMemoryKiB free memory as the host reports it, 0 when it does not
 * @param allocatedVcpus vCPUs of running domains and of our defined ones about to start
 * @param allocatedMemoryKiB memory of those domains
 */
public record HostCapacity(String uri, int cpus, long memoryKiB, long freeMemoryKiB, int allocatedVcpus,
                           long allocatedMemoryKiB) {

    /** Memory still available: total minus allocations, capped by the reported free memory when there is one. */
    public long memoryHeadroomKiB() {
        long byAllocation = memoryKiB - allocatedMemoryKiB;
        return freeMemoryKiB > 0 ? Math.min(freeMemoryKiB, byAllocation) : byAllocation;
    }

    /** vCPUs still available without overcommitting the host's CPUs. */
    public int vcpuHeadroom() {
        return cpus - allocatedVcpus;
    }

    /** Whether a machine of this size fits without overcommitting. */
    public boolean fits(int memoryMiB, int vcpus) {
        return memoryHeadroomKiB() >= memoryMiB * 1024L && vcpuHeadroom() >= vcpus;
    }

    /** This capacity with a machine of this size placed on it. */
    public HostCapacity reserve(int memoryMiB, int vcpus) {
        long free = freeMemoryKiB > 0 ? Math.max(1, freeMemoryKiB - memoryMiB * 1024L) : 0;
        return new HostCapacity(uri, cpus, memoryKiB, free, allocatedVcpus + vcpus,
                allocatedMemoryKiB + memoryMiB * 1024L);
    }
}
