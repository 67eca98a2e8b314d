package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * A {@link Hypervisor} whose every call is bounded in time ({@code provisioner.libvirt.call-timeout}): a host
 * that stops answering (libvirtd stopped, hung or unreachable without the connection closing) fails the call with
 * a transient {@link BackendException} after the limit, so the operation is retried or failed like on any other
 * host error and its worker is free again. {@link #reachable()} answers false when the check has no answer in
 * time; {@link #close()} waits for the limit at most.
 */
public final class TimeLimitedHypervisor implements Hypervisor {
    private static final Logger LOG = Logger.getLogger(TimeLimitedHypervisor.class);
    /** Calls that may be running or hanging at once on one host; more fail at once. */
    static final int MAX_OUTSTANDING = 64;

    private final Hypervisor delegate;
    private final CallTimeLimit limit;

    /** Bounds every call of {@code delegate} to {@code timeout}. */
    public TimeLimitedHypervisor(Hypervisor delegate, Duration timeout) {
        this(delegate, timeout, MAX_OUTSTANDING);
    }

    TimeLimitedHypervisor(Hypervisor delegate, Duration timeout, int maxOutstanding) {
        this.delegate = delegate;
        this.limit = new CallTimeLimit(delegate.uri(), timeout, maxOutstanding);
    }

    private <T> T call(String what, Supplier<T> real) {
        return limit.call(what, real);
    }

    private void run(String what, Runnable real) {
        call(what, () -> {
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
        return call("capabilities", delegate::capabilities);
    }

    @Override
    public HostResources resources() {
        return call("resources", delegate::resources);
    }

    @Override
    public List<DomainSummary> domains() {
        return call("domains", delegate::domains);
    }

    @Override
    public Optional<DomainSummary> domain(String name) {
        return call("domain " + name, () -> delegate.domain(name));
    }

    @Override
    public DomainSummary define(DomainSpec spec) {
        return call("define " + spec.name(), () -> delegate.define(spec));
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
        return call("interfaces " + name, () -> delegate.interfaces(name));
    }

    @Override
    public void shutdown(String name) {
        run("shutdown " + name, () -> delegate.shutdown(name));
    }

    @Override
    public boolean destroy(String name) {
        return call("destroy " + name, () -> delegate.destroy(name));
    }

    @Override
    public boolean undefine(String name) {
        return call("undefine " + name, () -> delegate.undefine(name));
    }

    @Override
    public void setMetadata(String name, DomainMetadata metadata) {
        run("setMetadata " + name, () -> delegate.setMetadata(name, metadata));
    }

    @Override
    public Optional<StorageVolume> volume(String storagePool, String name) {
        return call("volume " + name, () -> delegate.volume(storagePool, name));
    }

    @Override
    public StorageVolume cloneOverlay(String storagePool, String baseVolume, String name) {
        return call("cloneOverlay " + name, () -> delegate.cloneOverlay(storagePool, baseVolume, name));
    }

    @Override
    public StorageVolume uploadVolume(String storagePool, String name, byte[] content) {
        return call("uploadVolume " + name, () -> delegate.uploadVolume(storagePool, name, content));
    }

    @Override
    public boolean deleteVolume(String storagePool, String name) {
        return call("deleteVolume " + name, () -> delegate.deleteVolume(storagePool, name));
    }

    @Override
    public List<DhcpLease> dhcpLeases(String network) {
        return call("dhcpLeases " + network, () -> delegate.dhcpLeases(network));
    }

    @Override
    public List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source) {
        return call("interfaceAddresses " + domain, () -> delegate.interfaceAddresses(domain, source));
    }

    @Override
    public boolean reachable() {
        try {
            return call("checking the connection", delegate::reachable);
        } catch (BackendException e) {
            LOG.debugf("%s is not reachable: %s", delegate.uri(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        try {
            run("closing the connection", delegate::close);
        } catch (BackendException e) {
            LOG.warnf("%s: closing the connection: %s", delegate.uri(), e.getMessage());
        } finally {
            limit.close();
        }
    }
}
