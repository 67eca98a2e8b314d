package org.elasticslurm.provisioner.config;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the libvirt backend makes a pool's machines; these keys sit directly under
 * {@code provisioner.pools.<name>.} (e.g. {@code provisioner.pools.small.base-image}).
 * Ignored by the simulated backend.
 */
public interface LibvirtPoolConfig {

    /** Pin the pool to one hypervisor (one of {@code provisioner.libvirt.uris}); empty = placement by capacity. */
    Optional<String> uri();

    /** Mode {@code existing}: the domain name of a node, {@code {node}} replaced by the node name. */
    @WithDefault("{node}")
    String domain();

    /** Mode {@code create}: name of the base image volume (qcow2) in {@link #storagePool()} to clone overlays from. */
    Optional<String> baseImage();

    /** Mode {@code create}: libvirt storage pool holding the base image, the overlays and the seed ISOs. */
    @WithDefault("default")
    String storagePool();

    /** Mode {@code create}: libvirt network the machine's interface joins. */
    @WithDefault("default")
    String network();

    /** Mode {@code create}: memory per machine in MiB. */
    @WithDefault("1024")
    int memory();

    /** Mode {@code create}: virtual CPUs per machine. */
    @WithDefault("1")
    int vcpus();

    /** Mode {@code create}: kernel for direct boot (absolute path); empty = boot from the disk. */
    Optional<Path> kernel();

    /** Mode {@code create}: initrd for direct boot (absolute path). */
    Optional<Path> initrd();

    /** Mode {@code create}: kernel command line for direct boot. */
    Optional<String> kernelArgs();

    /**
     * Mode {@code create}: cloud-init user-data template (absolute path); empty = the built-in template that
     * installs the munge key and slurm.conf and sets the hostname.
     */
    Optional<Path> userData();

    /** Mode {@code create}: munge key copied into the guest by the seed. */
    @WithDefault("/etc/munge/munge.key")
    Path mungeKey();

    /** First three octets of the deterministic MAC addresses ({@code 52:54:00} is libvirt's/qemu's prefix). */
    @WithDefault("52:54:00")
    String macPrefix();

    /**
     * Static MAC to IP map (quoted keys: {@code provisioner.pools.p.mac-ip."52:54:00:0a:00:01"=10.77.0.11}), as
     * the write-up's dnsmasq map.hosts; consulted before DHCP leases and the guest agent.
     */
    Map<String, String> macIp();

    /** A dnsmasq dhcp-hostsfile ({@code mac,ip[,hostname]} per line) read as a further static MAC to IP map. */
    Optional<Path> hostsFile();

    /** Suspend of an {@code existing} machine: how long a graceful shutdown may take before it is destroyed. */
    @WithDefault("60s")
    Duration shutdownGrace();

    /**
     * Mode {@code create}: libvirt domain type: {@code auto} (kvm when a KVM probe boots a kernel, qemu/TCG
     * otherwise), {@code kvm} or {@code qemu}.
     */
    @WithDefault("auto")
    String domainType();

    /**
     * Mode {@code create}: bus of the seed ISO: {@code scsi} (virtio-scsi cdrom), {@code ide}, {@code sata} (cdrom)
     * or {@code virtio} (read-only disk). The guest kernel needs the matching driver (Debian's cloud kernel has no
     * AHCI, so no {@code sata}).
     */
    @WithDefault("scsi")
    String seedBus();

    /**
     * Mode {@code create}: the seed's network-config: {@code dhcp}, {@code static} (address from the static map)
     * or {@code none} (no network-config file).
     */
    @WithDefault("dhcp")
    String networkConfig();

    /** Mode {@code create}, {@code network-config=static}: prefix length of the static address. */
    @WithDefault("24")
    int staticPrefix();

    /** Mode {@code create}, {@code network-config=static}: default gateway; empty = no default route. */
    Optional<String> gateway();

    /** Mode {@code create}, {@code network-config=static}: DNS servers. */
    Optional<java.util.List<String>> dns();

    /** Mode {@code create}: host bridge the interface joins instead of {@link #network()} ({@code network=none}: no interface). */
    Optional<String> bridge();

    /**
     * Mode {@code create}: the interface is {@code <interface type='ethernet'>} instead of joining {@link #network()}
     * or {@link #bridge()}: libvirt creates a tap of the node's own ({@link #tapPrefix()} + hex of a hash of
     * pool/node, at most 15 characters) and leaves it unconnected; {@link #attachCommand()} (required then)
     * connects it while the domain is paused. Not with {@code bridge} or {@code network=none}.
     */
    @WithDefault("false")
    boolean ethernet();

    /**
     * Mode {@code create}, {@code ethernet=true}: first characters of the tap names: a lower-case letter, then
     * lower-case letters or digits, at most 9 characters, not {@code vnet}/{@code vif}/{@code macvtap}/{@code macvlan}
     * (libvirt's own).
     */
    @WithDefault("esl")
    String tapPrefix();

    /**
     * Both modes: argument vector (first element an absolute path, no shell) run after the domain was started
     * paused and before it is resumed, once per interface of type ethernet of the live domain; placeholders
     * {@code {tap}} {@code {node}} {@code {domain}} {@code {mac}} {@code {pool}}. A supervised child (own process
     * group, killed after {@link #attachTimeout()}, always reaped, output in the operation log); failure or
     * timeout fails the start. Mode {@code create} needs {@code ethernet=true} for it; mode {@code existing} needs
     * the domain to have an {@code <interface type='ethernet'>}. Empty = domains are started plainly.
     */
    Optional<java.util.List<String>> attachCommand();

    /** How long {@link #attachCommand()} may run. */
    @WithDefault("30s")
    Duration attachTimeout();

    /**
     * Mode {@code create}: further files put on the NoCloud seed ISO beside meta-data, user-data and
     * network-config, as {@code seed-files."<name on the ISO>"=<absolute path>}. Names: letters, digits, '.', '_',
     * '-', not starting with '-' or '.', not one of the three cloud-init files; each file must be readable when
     * the service starts. The guest finds them on the seed (filesystem label {@code cidata}).
     */
    Map<String, Path> seedFiles();

    /** Mode {@code create}: add a qemu guest agent channel and ask the agent for the address after the leases. */
    @WithDefault("false")
    boolean guestAgent();

    /** Mode {@code create}: directory (on the hypervisor) for serial console logs, {@code <domain>.console.log}. */
    Optional<Path> consoleLog();

    /**
     * Mode {@code create}: write seed ISOs as files into this directory instead of uploading them as volumes into
     * {@link #storagePool()}; only for hypervisors on this machine.
     */
    Optional<Path> seedDirectory();

    /** Mode {@code create}: extra user-data template variables ({@code user-data-vars.site=lab}). */
    Map<String, String> userDataVars();
}
