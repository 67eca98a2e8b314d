package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A domain to define.
 *
 * @param name domain name
 * @param type libvirt domain type ({@code kvm}, {@code qemu}, {@code test})
 * @param arch guest architecture ({@code x86_64})
 * @param memoryMiB memory
 * @param vcpus virtual CPUs
 * @param boot direct kernel boot, or empty to boot from the first disk
 * @param disks disks in order (the system disk first)
 * @param nic the network interface, or empty for none
 * @param consoleLog file the serial console is logged to (on the hypervisor), or empty
 * @param guestAgent whether to add a qemu guest agent channel
 * @param metadata our metadata, or empty for a domain that is not ours
 */
public record DomainSpec(String name, String type, String arch, int memoryMiB, int vcpus, Optional<DirectBoot> boot,
                         List<Disk> disks, Optional<Nic> nic, Optional<String> consoleLog, boolean guestAgent,
                         Optional<DomainMetadata> metadata) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Checks name, sizes and paths. */
    public DomainSpec {
        disks = List.copyOf(disks);
        requireName(name);
        if (memoryMiB < 1 || vcpus < 1) {
            throw new IllegalArgumentException("domain " + name + ": memory and vcpus must be positive");
        }
    }

    /** Checks a domain name: letters, digits, '.', '_', '-', starting with a letter or digit, at most 64. */
    public static String requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a usable domain name (letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit, at most 64 characters)");
        }
        return name;
    }

    /**
     * Direct kernel boot.
     *
     * @param kernel kernel path on the hypervisor
     * @param initrd initrd path on the hypervisor
     * @param cmdline kernel command line
     */
    public record DirectBoot(String kernel, Optional<String> initrd, Optional<String> cmdline) {
    }

    /**
     * A disk backed by a file.
     *
     * @param source file path on the hypervisor
     * @param format image format ({@code qcow2}, {@code raw})
     * @param cdrom whether it is a cdrom (else a disk)
     * @param bus {@code virtio}, {@code scsi}, {@code ide}, {@code sata}
     * @param readOnly whether the guest may not write it
     */
    public record Disk(String source, String format, boolean cdrom, String bus, boolean readOnly) {
        /** Checks the bus. */
        public Disk {
            if (!List.of("virtio", "scsi", "ide", "sata").contains(bus)) {
                throw new IllegalArgumentException("disk bus must be virtio, scsi, ide or sata: " + bus);
            }
            if (cdrom && bus.equals("virtio")) {
                throw new IllegalArgumentException("a cdrom cannot sit on the virtio bus (use scsi, ide or sata)");
            }
        }
    }

    /**
     * A network interface.
     *
     * @param mac MAC address
     * @param kind how it is plugged
     * @param source network or bridge name; for {@link Kind#ETHERNET} the name of the tap libvirt creates
     *               ({@code <target dev=.../>}, at most 15 characters)
     */
    public record Nic(String mac, Kind kind, String source) {
        /** Checks the tap name of an ethernet interface. */
        public Nic {
            if (kind == Kind.ETHERNET && !source.matches("[A-Za-z0-9_.-]{1,15}")) {
                throw new IllegalArgumentException("tap name '" + source + "' must be 1-15 letters, digits, '_', '.'"
                        + " or '-'");
            }
        }

        /** A libvirt network ({@code bridge} false) or a host bridge ({@code bridge} true). */
        public Nic(String mac, boolean bridge, String source) {
            this(mac, bridge ? Kind.BRIDGE : Kind.NETWORK, source);
        }

        /** How an interface is plugged. */
        public enum Kind {
            /** Into a libvirt network ({@code <interface type='network'>}). */
            NETWORK,
            /** Into a host bridge ({@code <interface type='bridge'>}). */
            BRIDGE,
            /** A tap of its own, connected by someone else ({@code <interface type='ethernet'>}). */
            ETHERNET
        }
    }
}
