package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link Hypervisor} that passes every call on the host's domains, volumes and networks through
 * {@link #around}, named as logs and errors name it ({@code "start node1"}); {@link #uri()}, {@link #reachable()}
 * and {@link #close()} go straight to the delegate unless a subclass says otherwise.
 */
abstract class InterceptingHypervisor implements Hypervisor {

    protected final Hypervisor delegate;

    InterceptingHypervisor(Hypervisor delegate) {
        this.delegate = delegate;
    }

    /** Runs one call of the delegate, named {@code what}. */
    protected abstract <T> T around(String what, Supplier<T> call);

    private void run(String what, Runnable real) {
        around(what, () -> {
            real.run();
            return null;
        });
    }

    @Override
    public String uri() {
        return delegate.uri();
    }

    @Override
    public GuestCapabilities capabilities() {
        return around("capabilities", delegate::capabilities);
    }

    @Override
    public HostResources resources() {
        return around("resources", delegate::resources);
    }

    @Override
    public List<DomainSummary> domains() {
        return around("domains", delegate::domains);
    }

    @Override
    public Optional<DomainSummary> domain(String name) {
        return around("domain " + name, () -> delegate.domain(name));
    }

    @Override
    public DomainSummary define(DomainSpec spec) {
        return around("define " + spec.name(), () -> delegate.define(spec));
    }

    @Override
    public void start(String name) {
        run("start " + name, () -> delegate.start(name));
    }

    @Override
    public void startPaused(String name) {
        run("startPaused " + name, () -> delegate.startPaused(name));
    }

    @Override
    public void resume(String name) {
        run("resume " + name, () -> delegate.resume(name));
    }

    @Override
    public List<DomainInterface> interfaces(String name) {
        return around("interfaces " + name, () -> delegate.interfaces(name));
    }

    @Override
    public void shutdown(String name) {
        run("shutdown " + name, () -> delegate.shutdown(name));
    }

    @Override
    public boolean destroy(String name) {
        return around("destroy " + name, () -> delegate.destroy(name));
    }

    @Override
    public boolean undefine(String name) {
        return around("undefine " + name, () -> delegate.undefine(name));
    }

    @Override
    public void setMetadata(String name, DomainMetadata metadata) {
        run("setMetadata " + name, () -> delegate.setMetadata(name, metadata));
    }

    @Override
    public Optional<StorageVolume> volume(String storagePool, String name) {
        return around("volume " + name, () -> delegate.volume(storagePool, name));
    }

    @Override
    public StorageVolume cloneOverlay(String storagePool, String baseVolume, String name) {
        return around("cloneOverlay " + name, () -> delegate.cloneOverlay(storagePool, baseVolume, name));
    }

    @Override
    public StorageVolume uploadVolume(String storagePool, String name, byte[] content) {
        return around("uploadVolume " + name, () -> delegate.uploadVolume(storagePool, name, content));
    }

    @Override
    public boolean deleteVolume(String storagePool, String name) {
        return around("deleteVolume " + name, () -> delegate.deleteVolume(storagePool, name));
    }

    @Override
    public List<DhcpLease> dhcpLeases(String network) {
        return around("dhcpLeases " + network, () -> delegate.dhcpLeases(network));
    }

    @Override
    public List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source) {
        return around("interfaceAddresses " + domain, () -> delegate.interfaceAddresses(domain, source));
    }

    @Override
    public boolean reachable() {
        return delegate.reachable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
