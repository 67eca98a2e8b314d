package org.elasticslurm.provisioner.libvirt;

import java.time.Instant;
import java.util.Optional;

/**
 * A DHCP lease handed out by a libvirt network.
 *
 * @param mac client MAC address, lower case
 * @param address leased IP address
 * @param prefix its prefix length
 * @param hostname the host name the client sent, if any
 * @param expires when it expires
 */
public record DhcpLease(String mac, String address, int prefix, Optional<String> hostname, Instant expires) {
}
