package org.elasticslurm.provisioner.libvirt;

import java.util.List;

/**
 * A guest interface with its IP addresses.
 *
 * @param name interface name (host side for leases, guest side for the agent)
 * @param mac MAC address, lower case
 * @param addresses addresses as {@code ip/prefix}
 */
public record InterfaceAddresses(String name, String mac, List<String> addresses) {
    /** Copies the list. */
    public InterfaceAddresses {
        addresses = List.copyOf(addresses);
    }
}
