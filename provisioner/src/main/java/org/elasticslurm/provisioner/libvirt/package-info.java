/**
 * The libvirt backend: machines behind Slurm cloud nodes as libvirt domains on one or more hypervisor hosts.
 *
 * <p>{@link org.elasticslurm.provisioner.libvirt.Hypervisor} is this package's own view of one host (domains,
 * storage volumes, DHCP leases, interface addresses), implemented by
 * {@link org.elasticslurm.provisioner.libvirt.LibvirtHypervisor} on libvirt-java plus a few direct libvirt calls
 * that libvirt-java 0.5.2 lacks (its parts: LibvirtConnection, LibvirtDomains, LibvirtVolumes, LibvirtAddresses). No libvirt-java type leaves the package; libvirt errors become
 * {@link org.elasticslurm.provisioner.backend.BackendException}s in one place, transient when libvirt's error code
 * says a retry may help (lost connection, busy domain, unresponsive agent). libvirt objects are freed when the
 * call that looked them up ends.
 *
 * <p>{@link org.elasticslurm.provisioner.libvirt.LibvirtBackend} implements the backend port for two pool modes:
 * <ul>
 *   <li>{@code existing} (Level 2): the node's domain is found by name ({@code domain} template) or by our
 *   metadata; resume records our metadata and starts it; suspend presses the ACPI power button (again every 5 s)
 *   and destroys the domain when {@code shutdown-grace} has passed.</li>
 *   <li>{@code create} (Level 3): resume places the machine on the host with the most room (memory, then vCPUs),
 *   clones a qcow2 overlay from the base image, builds a NoCloud seed (uploaded as a volume, or written to
 *   {@code seed-directory}), defines the domain with our metadata and the node's MAC, and starts it. The domain
 *   name comes from the node, so a repeated resume finds the machine instead of making a second one. Suspend
 *   destroys and undefines it and deletes the volumes and seed its metadata lists, and leftovers of an
 *   interrupted creation by their names.</li>
 * </ul>
 *
 * <p>Metadata: {@code <es:machine xmlns:es="http://elasticslurm.org/xmlns/libvirt/machine/1">} with node, pool,
 * operation, origin (created/existing), volumes and seed file. Only domains carrying it are listed as machines.
 *
 * <p>MACs: see {@link org.elasticslurm.provisioner.libvirt.MacAddressPlan} ({@code <prefix>:} + first three bytes
 * of SHA-256 of {@code pool/node}, salted on collision, or the MAC a hosts-file line names for the node). A MAC
 * already used by a domain we did not create is refused with a message naming that domain.
 *
 * <p>Addresses: static map ({@code mac-ip}, {@code hosts-file}), then the DHCP leases of the libvirt network the
 * interface joins, then (with {@code guest-agent}) the qemu guest agent.
 *
 * <p>Domain type: {@code kvm} only where {@link org.elasticslurm.provisioner.libvirt.KvmProbe} saw a kernel boot
 * under KVM (hosts of this machine) or libvirt offers kvm (remote hosts); {@code qemu} (TCG) otherwise, with the
 * reason logged. The probe's verdict is kept in {@code provisioner.libvirt.kvm-verdict-file} and used by later starts
 * in the same boot while qemu, the probe kernel, /dev/kvm and the probe timeout are unchanged.
 */
package org.elasticslurm.provisioner.libvirt;
