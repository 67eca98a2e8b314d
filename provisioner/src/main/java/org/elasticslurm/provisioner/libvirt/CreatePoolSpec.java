package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Level 3: resume creates a domain from the pool's base image with a NoCloud seed; suspend removes it with its
 * volumes and seed.
 *
 * @param name pool name
 * @param nodes nodes
 * @param uri pinned host, or empty
 * @param domainTemplate domain name of a node ({@code {node}})
 * @param storagePool storage pool with the base image; overlays and seed volumes go there too
 * @param baseImage base image volume name
 * @param memoryMiB memory per machine
 * @param vcpus virtual CPUs per machine
 * @param domainType domain type policy
 * @param boot direct kernel boot, or empty to boot the disk
 * @param network interface, or empty for none
 * @param macPrefix first three MAC octets
 * @param seed how seeds are made and attached
 * @param staticAddresses fixed MAC to IP assignments
 * @param guestAgent whether to add a guest agent channel and ask it for the address
 * @param consoleLogDirectory directory (on the hypervisor) for serial console logs, or empty
 */
public record CreatePoolSpec(String name, List<String> nodes, Optional<String> uri, String domainTemplate,
                             String storagePool, String baseImage, int memoryMiB, int vcpus,
                             DomainTypePolicy domainType, Optional<DomainSpec.DirectBoot> boot,
                             Optional<Network> network, String macPrefix, Seed seed,
                             StaticAddressMap staticAddresses, boolean guestAgent, Optional<Path> consoleLogDirectory)
        implements PoolSpec {

    /** Checks template, sizes and prefix. */
    public CreatePoolSpec {
        nodes = List.copyOf(nodes);
        PoolSpec.checkTemplate(name, domainTemplate, nodes);
        if (memoryMiB < 1 || vcpus < 1) {
            throw new IllegalArgumentException("provisioner.pools." + name + ": memory and vcpus must be at least 1");
        }
        MacAddressPlan.requirePrefix(macPrefix);
    }

    /**
     * Where the interface is plugged.
     *
     * @param source libvirt network or host bridge name
     * @param bridge whether {@code source} is a host bridge
     */
    public record Network(String source, boolean bridge) {
    }

    /** The seed's network-config. */
    public enum NetworkConfigMode {
        /** DHCP on the interface. */
        DHCP,
        /** The address of the static map. */
        STATIC,
        /** No network-config file. */
        NONE
    }

    /** Where the seed ISO sits in the guest. */
    public enum SeedBus {
        /** A cdrom on a virtio-scsi controller. */
        SCSI,
        /** An IDE cdrom (i440fx machines). */
        IDE,
        /** A SATA cdrom (q35 machines; needs AHCI in the guest kernel). */
        SATA,
        /** A read-only virtio disk. */
        VIRTIO
    }

    /**
     * How seeds are made.
     *
     * @param userDataTemplate user-data template file, or empty for the built-in one
     * @param mungeKey munge key file
     * @param extraVariables site variables for the template
     * @param networkConfig network-config mode
     * @param staticPrefix prefix length for static addresses
     * @param gateway default gateway for static addresses
     * @param dns name servers for static addresses
     * @param bus where the ISO sits
     * @param directory write seeds as files here instead of uploading them as volumes
     */
    public record Seed(Optional<Path> userDataTemplate, Path mungeKey, Map<String, String> extraVariables,
                       NetworkConfigMode networkConfig, int staticPrefix, Optional<String> gateway, List<String> dns,
                       SeedBus bus, Optional<Path> directory) {
        /** Copies collections. */
        public Seed {
            extraVariables = Map.copyOf(extraVariables);
            dns = List.copyOf(dns);
        }
    }
}
