package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
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
public final class TimeLimitedHypervisor extends InterceptingHypervisor {
    private static final Logger LOG = Logger.getLogger(TimeLimitedHypervisor.class);
    /** Calls that may be running or hanging at once on one host; more fail at once. */
    static final int MAX_OUTSTANDING = 64;

    private final CallTimeLimit limit;

    /** Bounds every call of {@code delegate} to {@code timeout}. */
    public TimeLimitedHypervisor(Hypervisor delegate, Duration timeout) {
        this(delegate, timeout, MAX_OUTSTANDING);
    }

    TimeLimitedHypervisor(Hypervisor delegate, Duration timeout, int maxOutstanding) {
        super(delegate);
        this.limit = new CallTimeLimit(delegate.uri(), timeout, maxOutstanding);
    }

    @Override
    protected <T> T around(String what, Supplier<T> real) {
        return limit.call(what, real);
    }

    @Override
    public boolean reachable() {
        try {
            return around("checking the connection", delegate::reachable);
        } catch (BackendException e) {
            LOG.debugf("%s is not reachable: %s", delegate.uri(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        try {
            around("closing the connection", () -> {
                delegate.close();
                return null;
            });
        } catch (BackendException e) {
            LOG.warnf("%s: closing the connection: %s", delegate.uri(), e.getMessage());
        } finally {
            limit.close();
        }
    }
}
