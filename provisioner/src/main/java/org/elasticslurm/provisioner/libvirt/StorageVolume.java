package org.elasticslurm.provisioner.libvirt;

/**
 * A storage volume.
 *
 * @param storagePool its storage pool
 * @param name its name
 * @param path its path on the hypervisor
 * @param capacityBytes its virtual size
 * @param format its format ({@code qcow2}, {@code raw}, ...)
 */
public record StorageVolume(String storagePool, String name, String path, long capacityBytes, String format) {
}
