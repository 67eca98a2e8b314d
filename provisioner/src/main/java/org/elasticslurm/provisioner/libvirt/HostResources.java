package org.elasticslurm.provisioner.libvirt;

/**
 * A hypervisor host's size as libvirt reports it.
 *
 * @param cpus logical CPUs
 * @param memoryKiB total memory
 * @param freeMemoryKiB free memory, 0 when the driver does not report it
 */
public record HostResources(int cpus, long memoryKiB, long freeMemoryKiB) {
}
