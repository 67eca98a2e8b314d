package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * TEST ONLY: a {@link Hypervisor} that makes calls fail as a {@link FaultPlan} says (transient errors, permanent
 * errors, calls that hang and then fail) before they reach the real host. Used only when the test-only setting
 * {@code provisioner.libvirt.test-faults} is given, which the service refuses in the prod profile. Every injected
 * fault is logged as {@code injected fault <KIND> on <call>}. Connection-level calls ({@link #uri()},
 * {@link #reachable()}, {@link #close()}) are never faulted.
 */
public final class FaultInjectingHypervisor implements Hypervisor {
    private static final Logger LOG = Logger.getLogger(FaultInjectingHypervisor.class);

    private final Hypervisor delegate;
    private final FaultPlan plan;
    private final FaultPlan.Dice dice;
    private final AtomicLong injected = new AtomicLong();

    public FaultInjectingHypervisor(Hypervisor delegate, FaultPlan plan) {
        this.delegate = delegate;
        this.plan = plan;
        this.dice = plan.dice();
    }

    /** How many faults were injected so far. */
    public long injected() {
        return injected.get();
    }

    private <T> T call(String what, Supplier<T> real) {
        Optional<FaultPlan.Fault> fault = dice.next();
        if (fault.isEmpty()) {
            return real.get();
        }
        injected.incrementAndGet();
        LOG.warnf("injected fault %s on %s", fault.get(), what);
        switch (fault.get()) {
            case PERMANENT -> throw new BackendException("injected permanent fault: " + what + " on "
                    + delegate.uri(), false, null);
            case HANG -> {
                try {
                    Thread.sleep(plan.hang().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new BackendException("injected hang: " + what + " on " + delegate.uri() + " timed out after "
                        + plan.hang().toMillis() + " ms", true, null);
            }
            default -> throw new BackendException("injected transient fault: " + what + " on " + delegate.uri(),
                    true, null);
        }
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
        return delegate.reachable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
