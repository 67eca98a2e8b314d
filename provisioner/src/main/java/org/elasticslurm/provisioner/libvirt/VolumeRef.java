package org.elasticslurm.provisioner.libvirt;

/**
 * A storage volume by storage pool and name.
 *
 * @param storagePool libvirt storage pool name
 * @param name volume name
 */
public record VolumeRef(String storagePool, String name) {
}
