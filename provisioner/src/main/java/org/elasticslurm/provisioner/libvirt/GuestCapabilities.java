package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a hypervisor can run, from its capabilities XML.
 *
 * @param hostArch the host's CPU architecture
 * @param guests the guest kinds on offer
 */
public record GuestCapabilities(String hostArch, List<Guest> guests) {
    /** Copies the list. */
    public GuestCapabilities {
        guests = List.copyOf(guests);
    }

    /**
     * One guest kind.
     *
     * @param osType {@code hvm}, {@code xen}, {@code exe} ...
     * @param arch guest architecture
     * @param domainTypes domain types for it ({@code qemu}, {@code kvm}, {@code test})
     */
    public record Guest(String osType, String arch, Set<String> domainTypes) {
        /** Copies the set. */
        public Guest {
            domainTypes = Set.copyOf(domainTypes);
        }
    }

    /** The full-virtualisation guest for the host's architecture, else the first full-virtualisation guest. */
    public Optional<Guest> hvm() {
        return guests.stream().filter(g -> g.osType().equals("hvm") && g.arch().equals(hostArch)).findFirst()
                .or(() -> guests.stream().filter(g -> g.osType().equals("hvm")).findFirst());
    }
}
