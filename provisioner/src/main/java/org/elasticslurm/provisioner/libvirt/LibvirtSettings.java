package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.config.Owner;

/**
 * Settings of the libvirt backend as a whole.
 *
 * @param uris hypervisor hosts; new machines are placed by free capacity
 * @param qemu qemu binary the KVM probe runs
 * @param kvmProbeTimeout bound of each KVM probe boot
 * @param kvmProbeKernel kernel the probe boots; empty = a pool's direct-boot kernel or the newest /boot/vmlinuz-*
 * @param genisoimage genisoimage binary
 * @param capacityRefresh how long a capacity snapshot is reused for placement
 * @param scratch directory for temporary seed files
 * @param slurmConf slurm.conf copied into seeds
 * @param seedWriter how seed ISOs are made
 * @param owner this service's owner name ({@code provisioner.owner}): written into the metadata of the domains it
 *              creates or starts; only domains of this owner are listed and cleaned up
 * @param kvmVerdictFile where the KVM probe's verdict is kept across starts (used again within the same boot while
 *                       qemu, the probe kernel, /dev/kvm and the probe timeout are unchanged); empty = not kept, the
 *                       probe runs at every start
 * @param callTimeout bound of each hypervisor call ({@code provisioner.libvirt.call-timeout}); a call with no answer
 *                    by then fails transiently (see {@link TimeLimitedHypervisor})
 * @param tcgHosts hosts of {@code uris} whose domains are TCG ({@code qemu}) under {@code domain-type=auto}
 *                 ({@code provisioner.libvirt.tcg-hosts}): the KVM probe runs on this machine only, and a remote host
 *                 advertises {@code kvm} even where it does not work (nested KVM that hangs)
 */
public record LibvirtSettings(List<String> uris, Path qemu, Duration kvmProbeTimeout, Optional<Path> kvmProbeKernel,
                             Path genisoimage, Duration capacityRefresh, Path scratch, Path slurmConf,
                             SeedWriter seedWriter, String owner, Optional<Path> kvmVerdictFile,
                             Duration callTimeout, List<String> tcgHosts) {

    /** The default of {@code provisioner.libvirt.call-timeout}. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    /** Settings where every host's domain type follows its capabilities (and, on this machine, the KVM probe). */
    public LibvirtSettings(List<String> uris, Path qemu, Duration kvmProbeTimeout, Optional<Path> kvmProbeKernel,
                           Path genisoimage, Duration capacityRefresh, Path scratch, Path slurmConf,
                           SeedWriter seedWriter, String owner, Optional<Path> kvmVerdictFile, Duration callTimeout) {
        this(uris, qemu, kvmProbeTimeout, kvmProbeKernel, genisoimage, capacityRefresh, scratch, slurmConf, seedWriter,
                owner, kvmVerdictFile, callTimeout, List.of());
    }

    /** Settings with the default call timeout. */
    public LibvirtSettings(List<String> uris, Path qemu, Duration kvmProbeTimeout, Optional<Path> kvmProbeKernel,
                           Path genisoimage, Duration capacityRefresh, Path scratch, Path slurmConf,
                           SeedWriter seedWriter, String owner, Optional<Path> kvmVerdictFile) {
        this(uris, qemu, kvmProbeTimeout, kvmProbeKernel, genisoimage, capacityRefresh, scratch, slurmConf, seedWriter,
                owner, kvmVerdictFile, DEFAULT_CALL_TIMEOUT);
    }

    /** How seed ISOs are made. */
    public enum SeedWriter {
        /** In memory, without a process ({@link org.elasticslurm.provisioner.cloudinit.IsoImage}). */
        BUILTIN,
        /** By running {@code genisoimage}. */
        GENISOIMAGE
    }

    /**
     * Checks that there is a host, that every TCG host is one of them, that the call timeout is positive and that the
     * owner follows {@link Owner#RULE}.
     */
    public LibvirtSettings {
        uris = List.copyOf(uris);
        tcgHosts = List.copyOf(tcgHosts);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("provisioner.libvirt.uris: at least one URI is needed");
        }
        for (String host : tcgHosts) {
            if (!uris.contains(host)) {
                throw new IllegalArgumentException("provisioner.libvirt.tcg-hosts: " + host + " is not one of "
                        + "provisioner.libvirt.uris " + uris + " (each TCG host must be written as in uris)");
            }
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("provisioner.libvirt.call-timeout: must be positive (" + callTimeout
                    + ")");
        }
        owner = new Owner(owner).name();
    }
}
