package org.elasticslurm.provisioner.libvirt;

/** Where libvirt looks up a domain's interface addresses. */
public enum AddressSource {
    /** DHCP leases of the libvirt network the interface joins. */
    LEASE,
    /** The qemu guest agent inside the guest. */
    AGENT,
    /** The host's ARP table. */
    ARP
}
