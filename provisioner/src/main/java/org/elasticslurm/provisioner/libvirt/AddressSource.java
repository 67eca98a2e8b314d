package org.elasticslurm.provisioner.libvirt;

/** Where libvirt looks up a domain's interface addresses. */
public enum AddressSource {
    /** DHCP leases of the libvirt network the interface joins. */
    LEASE,
    /** The qemu guest agent inside the guest. */
    AGENT,
    /** The host's ARP table. */
    ARP;

    /** libvirt's {@code VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_*} value. */
    int code() {
        return switch (this) {
            case LEASE -> 0;
            case AGENT -> 1;
            case ARP -> 2;
        };
    }
}
