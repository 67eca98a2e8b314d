package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;

/** A host that hands every call to a real one; a test host overrides only the calls it changes or watches. */
abstract class DelegatingHypervisor implements Hypervisor {
    protected final Hypervisor real;

    DelegatingHypervisor(Hypervisor real) {
        this.real = real;
    }

    @Override
    public void shutdown(String name) {
        real.shutdown(name);
    }

    @Override
    public String uri() {
        return real.uri();
    }

    @Override
    public GuestCapabilities capabilities() {
        return real.capabilities();
    }

    @Override
    public HostResources resources() {
        return real.resources();
    }

    @Override
    public List<DomainSummary> domains() {
        return real.domains();
    }

    @Override
    public Optional<DomainSummary> domain(String name) {
        return real.domain(name);
    }

    @Override
    public DomainSummary define(DomainSpec spec) {
        return real.define(spec);
    }

    @Override
    public void start(String name) {
        real.start(name);
    }

    @Override
    public void startPaused(String name) {
        real.startPaused(name);
    }

    @Override
    public void resume(String name) {
        real.resume(name);
    }

    @Override
    public List<DomainInterface> interfaces(String name) {
        return real.interfaces(name);
    }

    @Override
    public boolean destroy(String name) {
        return real.destroy(name);
    }

    @Override
    public boolean undefine(String name) {
        return real.undefine(name);
    }

    @Override
    public void setMetadata(String name, DomainMetadata metadata) {
        real.setMetadata(name, metadata);
    }

    @Override
    public Optional<StorageVolume> volume(String storagePool, String name) {
        return real.volume(storagePool, name);
    }

    @Override
    public StorageVolume cloneOverlay(String storagePool, String baseVolume, String name) {
        return real.cloneOverlay(storagePool, baseVolume, name);
    }

    @Override
    public StorageVolume uploadVolume(String storagePool, String name, byte[] content) {
        return real.uploadVolume(storagePool, name, content);
    }

    @Override
    public boolean deleteVolume(String storagePool, String name) {
        return real.deleteVolume(storagePool, name);
    }

    @Override
    public List<DhcpLease> dhcpLeases(String network) {
        return real.dhcpLeases(network);
    }

    @Override
    public List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source) {
        return real.interfaceAddresses(domain, source);
    }

    @Override
    public boolean reachable() {
        return real.reachable();
    }

    @Override
    public void close() {
        real.close();
    }
}
