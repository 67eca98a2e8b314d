package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;
import org.libvirt.NodeInfo;

/**
 * {@link Hypervisor} on libvirt-java, plus {@link NativeLibvirt} for what libvirt-java lacks. One connection per
 * host, shared by all threads (libvirt connections are thread-safe), replaced at once when a call finds it lost,
 * without waiting for calls still running on it ({@link LibvirtConnection}). Every libvirt object is freed when
 * the call that looked it up ends. Domains ({@link LibvirtDomains}), storage volumes ({@link LibvirtVolumes}) and
 * addresses ({@link LibvirtAddresses}) are handled by their own parts; the host as a whole here.
 */
public final class LibvirtHypervisor implements Hypervisor {
    private static final Logger LOG = Logger.getLogger(LibvirtHypervisor.class);

    private final String uri;
    private final NativeLibvirt lib;
    private final LibvirtConnection connection;
    private final LibvirtDomains domains;
    private final LibvirtVolumes volumes;
    private final LibvirtAddresses addresses;

    private LibvirtHypervisor(String uri, NativeLibvirt lib, Duration callTimeout) {
        this.uri = uri;
        this.lib = lib;
        this.connection = new LibvirtConnection(uri, lib, callTimeout);
        this.domains = new LibvirtDomains(connection);
        this.volumes = new LibvirtVolumes(connection);
        this.addresses = new LibvirtAddresses(connection, domains);
    }

    /**
     * Connects to a hypervisor now.
     *
     * @throws BackendException when it cannot be reached (transient when the daemon did not answer)
     */
    public static LibvirtHypervisor open(String uri) {
        LibvirtHypervisor h = lazy(uri);
        h.call("connecting", c -> null);
        return h;
    }

    /** A hypervisor that connects on its first call (and again after the connection was lost). */
    public static LibvirtHypervisor lazy(String uri) {
        return lazy(uri, LibvirtSettings.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * A hypervisor that connects on its first call (and again after the connection was lost); a call waits for
     * another call's connecting at most {@code callTimeout} before connecting itself.
     */
    public static LibvirtHypervisor lazy(String uri, Duration callTimeout) {
        return new LibvirtHypervisor(uri, NativeLibvirt.load(), callTimeout);
    }

    @Override
    public String uri() {
        return uri;
    }

    private <T> T call(String what, LibvirtConnection.Call<T> body) {
        return connection.call(what, body);
    }

    @Override
    public GuestCapabilities capabilities() {
        return call("reading capabilities", c -> LibvirtXml.capabilities(c.getCapabilities()));
    }

    @Override
    public HostResources resources() {
        return call("reading node info", c -> {
            NodeInfo info = c.nodeInfo();
            return new HostResources(info.cpus, info.memory, lib.virNodeGetFreeMemory(c.pointer()) / 1024);
        });
    }

    @Override
    public List<DomainSummary> domains() {
        return domains.domains();
    }

    @Override
    public Optional<DomainSummary> domain(String name) {
        return domains.domain(name);
    }

    @Override
    public DomainSummary define(DomainSpec spec) {
        return domains.define(spec);
    }

    @Override
    public void start(String name) {
        domains.start(name);
    }

    @Override
    public void startPaused(String name) {
        domains.startPaused(name);
    }

    @Override
    public void resume(String name) {
        domains.resume(name);
    }

    @Override
    public List<DomainInterface> interfaces(String name) {
        return domains.interfaces(name);
    }

    @Override
    public void shutdown(String name) {
        domains.shutdown(name);
    }

    @Override
    public boolean destroy(String name) {
        return domains.destroy(name);
    }

    @Override
    public boolean undefine(String name) {
        return domains.undefine(name);
    }

    @Override
    public void setMetadata(String name, DomainMetadata metadata) {
        domains.setMetadata(name, metadata);
    }

    @Override
    public Optional<StorageVolume> volume(String storagePool, String name) {
        return volumes.volume(storagePool, name);
    }

    @Override
    public StorageVolume cloneOverlay(String storagePool, String baseVolume, String name) {
        return volumes.cloneOverlay(storagePool, baseVolume, name);
    }

    @Override
    public StorageVolume uploadVolume(String storagePool, String name, byte[] content) {
        return volumes.uploadVolume(storagePool, name, content);
    }

    @Override
    public boolean deleteVolume(String storagePool, String name) {
        return volumes.deleteVolume(storagePool, name);
    }

    @Override
    public List<DhcpLease> dhcpLeases(String network) {
        return addresses.dhcpLeases(network);
    }

    @Override
    public List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source) {
        return addresses.interfaceAddresses(domain, source);
    }

    @Override
    public boolean reachable() {
        try {
            return call("checking the connection", c -> c.isAlive() || c.getLibVersion() > 0);
        } catch (BackendException e) {
            LOG.debugf("%s is not reachable: %s", uri, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
