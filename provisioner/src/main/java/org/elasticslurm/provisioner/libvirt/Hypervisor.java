package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * One hypervisor host as the provisioner uses it: domains, storage volumes and network addresses. Only JDK types
 * and this package's records cross it; every failure is an unchecked
 * {@link org.elasticslurm.provisioner.backend.BackendException} (transient when a retry may help). Implementations
 * are thread-safe.
 */
public interface Hypervisor extends AutoCloseable {

    /** The connection URI ({@code qemu:///system}, {@code qemu+ssh://host/system}, {@code test:///default}). */
    String uri();

    /** What guests the host can run. */
    GuestCapabilities capabilities();

    /** The host's CPUs and memory. */
    HostResources resources();

    /** Every domain, running or only defined. */
    List<DomainSummary> domains();

    /** A domain by name. */
    Optional<DomainSummary> domain(String name);

    /** Defines (persistently) a domain; fails if one of that name exists. */
    DomainSummary define(DomainSpec spec);

    /** Starts a defined domain; does nothing when it already runs. */
    void start(String name);

    /**
     * Starts a defined domain with its virtual CPUs paused (devices such as taps exist, no guest code runs);
     * does nothing when it is already active (running or paused).
     */
    void startPaused(String name);

    /** Lets a paused domain run; does nothing when it runs already. */
    void resume(String name);

    /** The network interfaces of a domain's live definition (its inactive one when it does not run). */
    List<DomainInterface> interfaces(String name);

    /** Asks the guest to shut down (ACPI power button); returns at once. Does nothing when it does not run. */
    void shutdown(String name);

    /** Powers a domain off at once. @return false when it did not exist or did not run */
    boolean destroy(String name);

    /** Removes a domain's definition (a running domain keeps running, transient). @return false when absent */
    boolean undefine(String name);

    /** Writes our metadata into a domain's definition (and its live state when it runs). */
    void setMetadata(String name, DomainMetadata metadata);

    /** A volume by storage pool and name. */
    Optional<StorageVolume> volume(String storagePool, String name);

    /**
     * Creates a qcow2 overlay volume backed by a base image of the same storage pool, as large as the base.
     *
     * @param baseVolume name of the base image volume
     * @param name name of the new volume
     */
    StorageVolume cloneOverlay(String storagePool, String baseVolume, String name);

    /** Creates a raw volume holding exactly {@code content} (uploaded through a libvirt stream). */
    StorageVolume uploadVolume(String storagePool, String name, byte[] content);

    /** Deletes a volume. @return false when it (or its storage pool) did not exist */
    boolean deleteVolume(String storagePool, String name);

    /** The current DHCP leases of a libvirt network. */
    List<DhcpLease> dhcpLeases(String network);

    /** A domain's interfaces with their addresses, from the given source. */
    List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source);

    /** Whether the host answers now. */
    boolean reachable();

    /** Closes the connection. */
    @Override
    void close();
}
