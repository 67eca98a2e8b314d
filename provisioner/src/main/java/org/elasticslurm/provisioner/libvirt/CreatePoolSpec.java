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
 * @param attach the command that connects the tap of an {@code ethernet} interface while the domain is paused;
 *               present exactly when the interface is of kind {@link DomainSpec.Nic.Kind#ETHERNET}
 */
public record CreatePoolSpec(String name, List<String> nodes, Optional<String> uri, String domainTemplate,
                             String storagePool, String baseImage, int memoryMiB, int vcpus,
                             DomainTypePolicy domainType, Optional<DomainSpec.DirectBoot> boot,
                             Optional<Network> network, String macPrefix, Seed seed,
                             StaticAddressMap staticAddresses, boolean guestAgent, Optional<Path> consoleLogDirectory,
                             Optional<AttachCommand> attach)
        implements PoolSpec {

    /** Checks template, sizes, prefix and that an ethernet interface and an attach command come together. */
    public CreatePoolSpec {
        nodes = List.copyOf(nodes);
        PoolSpec.checkTemplate(name, domainTemplate, nodes);
        if (memoryMiB < 1 || vcpus < 1) {
            throw new IllegalArgumentException("provisioner.pools." + name + ": memory and vcpus must be at least 1");
        }
        MacAddressPlan.requirePrefix(macPrefix);
        boolean ethernet = network.map(n -> n.kind() == DomainSpec.Nic.Kind.ETHERNET).orElse(false);
        if (ethernet) {
            TapNamePlan.requirePrefix(network.get().source());
        }
        if (ethernet && attach.isEmpty()) {
            throw new IllegalArgumentException("provisioner.pools." + name + ".ethernet=true needs attach-command"
                    + " (libvirt creates the tap unconnected; the command connects it)");
        }
        if (!ethernet && attach.isPresent()) {
            throw new IllegalArgumentException("provisioner.pools." + name + ".attach-command needs ethernet=true in"
                    + " mode create (it connects the tap of an interface of type ethernet)");
        }
    }

    /** A pool without attach command (interface of a libvirt network or a host bridge, or none). */
    public CreatePoolSpec(String name, List<String> nodes, Optional<String> uri, String domainTemplate,
                          String storagePool, String baseImage, int memoryMiB, int vcpus, DomainTypePolicy domainType,
                          Optional<DomainSpec.DirectBoot> boot, Optional<Network> network, String macPrefix, Seed seed,
                          StaticAddressMap staticAddresses, boolean guestAgent, Optional<Path> consoleLogDirectory) {
        this(name, nodes, uri, domainTemplate, storagePool, baseImage, memoryMiB, vcpus, domainType, boot, network,
                macPrefix, seed, staticAddresses, guestAgent, consoleLogDirectory, Optional.empty());
    }

    /**
     * Where the interface is plugged.
     *
     * @param kind libvirt network, host bridge, or a tap of its own ({@code ethernet})
     * @param source the libvirt network or host bridge name; for {@code ethernet} the tap name prefix
     *               (the tap of a node is named by {@link TapNamePlan})
     */
    public record Network(DomainSpec.Nic.Kind kind, String source) {
        /** A libvirt network ({@code bridge} false) or a host bridge ({@code bridge} true). */
        public Network(String source, boolean bridge) {
            this(bridge ? DomainSpec.Nic.Kind.BRIDGE : DomainSpec.Nic.Kind.NETWORK, source);
        }

        /** An interface of type ethernet whose taps are named with {@code tapPrefix}. */
        public static Network ethernet(String tapPrefix) {
            return new Network(DomainSpec.Nic.Kind.ETHERNET, tapPrefix);
        }
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
     * @param files further files put on the seed beside meta-data, user-data and network-config (name on the
     *              ISO to file on this machine; names checked by {@link org.elasticslurm.provisioner.cloudinit.SeedFiles})
     */
    public record Seed(Optional<Path> userDataTemplate, Path mungeKey, Map<String, String> extraVariables,
                       NetworkConfigMode networkConfig, int staticPrefix, Optional<String> gateway, List<String> dns,
                       SeedBus bus, Optional<Path> directory, Map<String, Path> files) {
        /** Copies collections. */
        public Seed {
            extraVariables = Map.copyOf(extraVariables);
            dns = List.copyOf(dns);
            files = Map.copyOf(files);
        }

        /** A seed without further files. */
        public Seed(Optional<Path> userDataTemplate, Path mungeKey, Map<String, String> extraVariables,
                    NetworkConfigMode networkConfig, int staticPrefix, Optional<String> gateway, List<String> dns,
                    SeedBus bus, Optional<Path> directory) {
            this(userDataTemplate, mungeKey, extraVariables, networkConfig, staticPrefix, gateway, dns, bus, directory,
                    Map.of());
        }
    }
}
