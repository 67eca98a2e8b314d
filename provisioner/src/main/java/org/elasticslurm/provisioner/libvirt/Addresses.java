package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * Finds a machine's IPv4 address: the pool's static map first, then the DHCP leases of the libvirt network its
 * interface joins (libvirt matches them to the interface's MAC), then the guest agent when enabled. Each source
 * is asked once per call; the caller polls. A domain without interface is looked up in the static map by the
 * MAC its node was planned to have.
 */
final class Addresses {
    private static final Logger LOG = Logger.getLogger(Addresses.class);

    private Addresses() {
    }

    static Optional<String> find(Hypervisor host, DomainSummary domain, PoolSpec pool, String plannedMac) {
        if (domain.macs().isEmpty()) {
            return pool.staticAddresses().addressOf(plannedMac);
        }
        String mac = domain.macs().get(0);
        Optional<String> fixed = pool.staticAddresses().addressOf(mac);
        if (fixed.isPresent()) {
            return fixed;
        }
        Optional<String> leased = domain.state().active()
                ? fromInterfaces(host.interfaceAddresses(domain.name(), AddressSource.LEASE), mac)
                : Optional.empty();
        if (leased.isPresent() || !pool.guestAgent() || !domain.state().active()) {
            return leased;
        }
        try {
            return fromInterfaces(host.interfaceAddresses(domain.name(), AddressSource.AGENT), mac);
        } catch (BackendException e) {
            LOG.debugf("guest agent of %s has no answer yet: %s", domain.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> fromInterfaces(List<InterfaceAddresses> interfaces, String mac) {
        return interfaces.stream().filter(i -> i.mac().equals(mac)).flatMap(i -> i.addresses().stream())
                .map(a -> a.substring(0, a.indexOf('/') < 0 ? a.length() : a.indexOf('/')))
                .filter(Addresses::isIpv4).filter(a -> !a.startsWith("127.")).findFirst();
    }

    private static boolean isIpv4(String a) {
        return a != null && a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
