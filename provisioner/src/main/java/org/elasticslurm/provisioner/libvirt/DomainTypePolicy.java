package org.elasticslurm.provisioner.libvirt;

/** How a pool picks the libvirt domain type. */
public enum DomainTypePolicy {
    /** {@code kvm} when libvirt offers it and (on this machine) the KVM probe boots a kernel, else {@code qemu}. */
    AUTO,
    /** Always {@code kvm}. */
    KVM,
    /** Always {@code qemu} (TCG emulation). */
    QEMU
}
